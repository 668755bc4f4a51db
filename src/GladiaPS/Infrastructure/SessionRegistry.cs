using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The sessions opened in this process, for Get-GladiaLiveSession and for closing what is still open when
    /// the module is removed or the process exits (closed with 1000, within <see cref="ExitCloseTimeout"/>, so the server
    /// finishes them instead of waiting for a reconnect that will not come). Open sessions are held; of the ended ones, only the most recent
    /// few are held (so the last sessions can still be listed and read), the rest only as long as something else
    /// holds them: an ended session nobody holds is not kept alive here with its unread messages.
    /// </summary>
    internal static class SessionRegistry
    {
        /// <summary>Ended sessions held for listing; each may keep up to <see cref="LiveConnectionOptions.MaxUnreadMessageBytes"/> of unread messages.</summary>
        internal const int EndedSessionsHeld = 8;

        private const int EndedSessionsListed = 200;

        /// <summary>
        /// How long the process's exit waits for its open sessions to close (never longer: exit must not hang). .NET
        /// Framework (Windows PowerShell 5.1) gives all ProcessExit handlers about 2 s together, so there it is 1.5 s.
        /// </summary>
        internal static readonly TimeSpan ExitCloseTimeout = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
            .StartsWith(".NET Framework", StringComparison.Ordinal)
            ? TimeSpan.FromSeconds(1.5)
            : TimeSpan.FromSeconds(3);

        private static int _exitHooked;
        private static readonly object Gate = new object();
        private static readonly List<Entry> Sessions = new List<Entry>();

        public static void Add(GladiaSession session)
        {
            if (Interlocked.Exchange(ref _exitHooked, 1) == 0)
            {
                // Hooked with the first session, so a process that never opens one never loads the core to close none.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseAll(null, ExitCloseTimeout);
                // PowerShell 7 on Linux and macOS exits on SIGTERM without ProcessExit: close them then too.
                TerminationSignal.TryRegister(() => CloseAll(null, ExitCloseTimeout));
            }

            lock (Gate)
            {
                Sessions.Add(new Entry(session));
                Prune();
            }
        }

        public static IReadOnlyList<GladiaSession> Snapshot()
        {
            lock (Gate)
            {
                Prune();
                return Sessions.Select(e => e.Target).Where(s => s is not null).ToArray()!;
            }
        }

        /// <summary>How many ended sessions the registry holds itself (not only weakly); for tests.</summary>
        internal static int EndedSessionsHeldNow()
        {
            lock (Gate)
            {
                Prune();
                return Sessions.Count(e => e.IsHeld && e.Target?.Live.Status == LiveSessionStatus.Ended);
            }
        }

        /// <summary>Closes every open session of <paramref name="runspaceId"/> (all when null) with 1000, so the server finishes them.</summary>
        public static void CloseAll(Guid? runspaceId, TimeSpan timeout)
        {
            GladiaSession[] open;
            lock (Gate)
            {
                var closing = Sessions.Where(e => runspaceId is null || e.RunspaceId == runspaceId).ToArray();
                foreach (var entry in closing)
                {
                    Sessions.Remove(entry);
                }

                open = closing.Select(e => e.Target).Where(s => s is not null && s.Live.Status != LiveSessionStatus.Ended).ToArray()!;
            }

            var disposals = open.Select(s => s.Live.DisposeAsync().AsTask()).ToArray();
            try
            {
                Task.WaitAll(disposals, timeout);
            }
            catch (AggregateException)
            {
                // Closing is best effort while the module goes away; a session that fails to close is ended by the server's own timeout.
            }
        }

        /// <summary>Lets go of ended sessions beyond the most recent few (held weakly from then on), and forgets collected ones.</summary>
        private static void Prune()
        {
            var held = 0;
            var listed = 0;
            for (var i = Sessions.Count - 1; i >= 0; i--)
            {
                var entry = Sessions[i];
                var session = entry.Target;
                if (session is null)
                {
                    Sessions.RemoveAt(i);
                    continue;
                }

                if (session.Live.Status != LiveSessionStatus.Ended)
                {
                    continue;
                }

                if (++listed > EndedSessionsListed)
                {
                    Sessions.RemoveAt(i);
                }
                else if (entry.IsHeld && ++held > EndedSessionsHeld)
                {
                    entry.LetGo();
                }
            }
        }

        private sealed class Entry
        {
            private readonly WeakReference<GladiaSession> _weak;
            private GladiaSession? _strong;

            public Entry(GladiaSession session)
            {
                _strong = session;
                _weak = new WeakReference<GladiaSession>(session);
                RunspaceId = session.RunspaceId;
            }

            public Guid RunspaceId { get; }

            public bool IsHeld => _strong is not null;

            public GladiaSession? Target => _strong ?? (_weak.TryGetTarget(out var session) ? session : null);

            public void LetGo() => _strong = null;
        }
    }
}
