using System;
using System.Collections.Generic;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The file each pre-recorded job this process created was made from, so a job read again later (Get-GladiaTranscription,
    /// its list) names its file as Invoke-GladiaTranscription's objects did. Bounded: past <see cref="MaxEntries"/> jobs,
    /// the oldest are forgotten (their results then name no file, as for jobs made elsewhere).
    /// </summary>
    internal static class JobPaths
    {
        internal const int MaxEntries = 10000;
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, string> Paths = new Dictionary<string, string>(StringComparer.Ordinal);
        private static readonly Queue<string> Order = new Queue<string>();

        public static void Add(string jobId, string? path)
        {
            if (path is null)
            {
                return;
            }

            lock (Gate)
            {
                if (!Paths.ContainsKey(jobId))
                {
                    Order.Enqueue(jobId);
                }

                Paths[jobId] = path;
                while (Order.Count > MaxEntries)
                {
                    Paths.Remove(Order.Dequeue());
                }
            }
        }

        /// <summary>The file job <paramref name="jobId"/> was made from here, or null.</summary>
        public static string? Find(string? jobId)
        {
            if (jobId is null)
            {
                return null;
            }

            lock (Gate)
            {
                return Paths.TryGetValue(jobId, out var path) ? path : null;
            }
        }
    }
}
