using System;
using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.Subtitles
{
    /// <summary>
    /// Sorts cues into documents, one per source: a live session, a pre-recorded job, or (for utterances that name
    /// neither) one document of their own. Transcripts of several sessions piped one by one, interleaved as
    /// -ThrottleLimit makes them, each land in their session's document; documents keep the order their first cue came in.
    /// </summary>
    public sealed class SubtitleDocuments
    {
        private readonly List<Source> _sources = new List<Source>();
        private readonly Dictionary<string, Source> _byId = new Dictionary<string, Source>(StringComparer.Ordinal);
        private Source? _anonymous;

        /// <summary>How many documents there are so far.</summary>
        public int Count => _sources.Count;

        /// <summary>The ids of the documents so far (null for the one of utterances without a source), in order.</summary>
        public IReadOnlyList<string?> Ids => _sources.Select(s => s.Id).ToList();

        /// <summary>Makes sure <paramref name="id"/> has a document, even one without cues (a result with no utterances).</summary>
        public void AddSource(string? id, string? path) => SourceOf(id, path);

        public void Add(string? id, string? path, SubtitleCue cue) => SourceOf(id, path).Cues.Add(cue ?? throw new ArgumentNullException(nameof(cue)));

        /// <summary>Each document written by <paramref name="writer"/>.</summary>
        public IEnumerable<GladiaSubtitle> Write(SubtitleWriter writer, SubtitleFormat format) =>
            _sources.Select(s =>
            {
                var text = writer.Write(s.Cues, format, out var cues);
                return new GladiaSubtitle(s.Id, s.Paths.Count == 1 ? s.Paths[0] : null, format, text, cues);
            });

        private Source SourceOf(string? id, string? path)
        {
            Source source;
            if (string.IsNullOrEmpty(id))
            {
                source = _anonymous ??= NewSource(null);
            }
            else if (!_byId.TryGetValue(id!, out source!))
            {
                source = NewSource(id);
                _byId.Add(id!, source);
            }

            if (!string.IsNullOrEmpty(path) && !source.Paths.Contains(path!, StringComparer.Ordinal))
            {
                source.Paths.Add(path!);
            }

            return source;
        }

        private Source NewSource(string? id)
        {
            var source = new Source(id);
            _sources.Add(source);
            return source;
        }

        private sealed class Source
        {
            public Source(string? id) => Id = id;

            public string? Id { get; }

            public List<string> Paths { get; } = new List<string>();

            public List<SubtitleCue> Cues { get; } = new List<SubtitleCue>();
        }
    }
}
