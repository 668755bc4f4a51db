using System;
using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The files whose audio went into one session, and from which second of the session's audio each one on: what
    /// tells a transcript its file (by its start and channel) and a session or result all of its files. Several files
    /// come one after another (Send-GladiaAudio -Session), or side by side as channels (-AsChannels). Thread-safe: sends
    /// record here in the background while the pipeline thread reads.
    /// </summary>
    internal sealed class SessionFiles
    {
        private readonly object _gate = new object();
        private readonly List<Entry> _entries = new List<Entry>();

        /// <param name="paths">The files the session was created for, from its first second (channel order); none when empty.</param>
        public SessionFiles(IReadOnlyList<string>? paths)
        {
            if (paths is { Count: > 0 })
            {
                _entries.Add(new Entry(0, paths.ToArray()));
            }
        }

        /// <summary>The files, each once, in the order they were sent.</summary>
        public IReadOnlyList<string> All
        {
            get
            {
                lock (_gate)
                {
                    return _entries.SelectMany(e => e.Paths).Distinct(StringComparer.Ordinal).ToArray();
                }
            }
        }

        /// <summary>
        /// Audio from <paramref name="startSeconds"/> of the session on comes from <paramref name="paths"/> (one file, or
        /// one per channel); none for audio that is no file (bytes, a stream, a device), which ends the previous file's span.
        /// </summary>
        public void Add(double startSeconds, IReadOnlyList<string> paths)
        {
            lock (_gate)
            {
                _entries.Add(new Entry(startSeconds, paths.ToArray()));
            }
        }

        /// <summary>The file of the audio at <paramref name="startSeconds"/> on <paramref name="channel"/>, or null when it came from no file.</summary>
        public string? At(int channel, double startSeconds)
        {
            lock (_gate)
            {
                // Times are the server's and rounded: an utterance that starts a hair before its file's first second is still that file's.
                var entry = _entries.LastOrDefault(e => e.Start <= startSeconds + 0.05);
                return entry switch
                {
                    null => null,
                    { Paths.Length: 1 } => entry.Paths[0],
                    _ => channel >= 0 && channel < entry.Paths.Length ? entry.Paths[channel] : null,
                };
            }
        }

        private sealed class Entry
        {
            public Entry(double start, string[] paths)
            {
                Start = start;
                Paths = paths;
            }

            public double Start { get; }

            public string[] Paths { get; }
        }
    }
}
