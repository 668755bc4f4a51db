using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GladiaPS.Core.Live;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The sessions opened in this process, for Get-GladiaLiveSession and for closing what is still open when
    /// the module is removed. Ended sessions are kept for a while so their status can still be read.
    /// </summary>
    internal static class SessionRegistry
    {
        private const int EndedSessionsKept = 200;
        private static readonly object Gate = new object();
        private static readonly List<GladiaSession> Sessions = new List<GladiaSession>();

        public static void Add(GladiaSession session)
        {
            lock (Gate)
            {
                Sessions.Add(session);
                var ended = Sessions.Where(s => s.Status == LiveSessionStatus.Ended).ToList();
                foreach (var old in ended.Take(Math.Max(0, ended.Count - EndedSessionsKept)))
                {
                    Sessions.Remove(old);
                }
            }
        }

        public static IReadOnlyList<GladiaSession> Snapshot()
        {
            lock (Gate)
            {
                return Sessions.ToArray();
            }
        }

        /// <summary>Closes every open session of <paramref name="runspaceId"/> (all when null) with 1000, so the server finishes them.</summary>
        public static void CloseAll(Guid? runspaceId, TimeSpan timeout)
        {
            GladiaSession[] open;
            lock (Gate)
            {
                open = Sessions.Where(s => runspaceId is null || s.RunspaceId == runspaceId).ToArray();
                foreach (var session in open)
                {
                    Sessions.Remove(session);
                }
            }

            var closing = open.Where(s => s.Status != LiveSessionStatus.Ended).Select(s => s.Live.DisposeAsync().AsTask()).ToArray();
            try
            {
                Task.WaitAll(closing, timeout);
            }
            catch (AggregateException)
            {
                // Closing is best effort while the module goes away; a session that fails to close is ended by the server's own timeout.
            }
        }
    }
}
