using System;
using System.Globalization;
using GladiaPS.Core.Live;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Passes a session's status changes (connecting, reconnecting, ending) to whichever cmdlet is working
    /// with it now, as verbose text; a session outlives the cmdlet that created it, so the listener changes.
    /// </summary>
    internal sealed class SessionEventRelay
    {
        private volatile GladiaCmdletBase? _listener;

        public void OnStatusChanged(object? sender, LiveSessionStatusChangedEventArgs e)
        {
            var listener = _listener;
            if (listener is null)
            {
                return;
            }

            var id = (sender as GladiaLiveSession)?.Id ?? "(starting)";
            var text = string.Format(CultureInfo.InvariantCulture, "Session {0}: {1}", id, e.Status);
            if (e.Attempt > 1)
            {
                text += string.Format(CultureInfo.InvariantCulture, " (attempt {0})", e.Attempt);
            }

            if (e.Reconnects > 0)
            {
                text += string.Format(CultureInfo.InvariantCulture, ", {0} reconnect(s) so far", e.Reconnects);
            }

            if (!string.IsNullOrEmpty(e.Detail))
            {
                text += ": " + e.Detail;
            }

            listener.PostVerbose(text);
        }

        /// <summary>Stops sending events to <paramref name="cmdlet"/> (when it is the listener now).</summary>
        public void Release(GladiaCmdletBase cmdlet) => new Scope(this, cmdlet).Dispose();

        /// <summary>Sends events to <paramref name="cmdlet"/> until the returned scope is disposed.</summary>
        public IDisposable Listen(GladiaCmdletBase cmdlet)
        {
            _listener = cmdlet;
            return new Scope(this, cmdlet);
        }

        private sealed class Scope : IDisposable
        {
            private readonly SessionEventRelay _relay;
            private readonly GladiaCmdletBase _cmdlet;

            public Scope(SessionEventRelay relay, GladiaCmdletBase cmdlet)
            {
                _relay = relay;
                _cmdlet = cmdlet;
            }

            public void Dispose()
            {
                if (ReferenceEquals(_relay._listener, _cmdlet))
                {
                    _relay._listener = null;
                }
            }
        }
    }
}
