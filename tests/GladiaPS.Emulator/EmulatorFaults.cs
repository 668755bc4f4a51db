using System;
using System.Threading.Tasks;

namespace GladiaPS.Emulator
{
    /// <summary>
    /// The faults currently injected, changeable while the emulator runs (from tests in-process or
    /// through <c>PUT /emulator/faults</c>). Thread-safe. Counted faults (drops, init failures) are
    /// consumed as they happen; <see cref="Current"/> shows what is left.
    /// </summary>
    public sealed class EmulatorFaults
    {
        private readonly object _gate = new();
        private FaultSettings _settings = new();
        private int _dropsLeft;
        private int _initFailuresLeft;
        private int _createFailuresLeft;
        private TaskCompletionSource _changed = NewSignal();

        internal EmulatorFaults(FaultSettings initial) => Set(initial);

        /// <summary>The settings in force, with the drop and init-failure counts that remain.</summary>
        public FaultSettings Current
        {
            get
            {
                lock (_gate)
                {
                    return _settings with { Drops = _dropsLeft, InitFailCount = _initFailuresLeft, CreateFailCount = _createFailuresLeft };
                }
            }
        }

        /// <summary>Replaces every fault setting at once.</summary>
        public void Set(FaultSettings settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            var problem = settings.Validate();
            if (problem != null) throw new ArgumentException(problem, nameof(settings));
            TaskCompletionSource changed;
            lock (_gate)
            {
                _settings = settings;
                _dropsLeft = settings.DropAfterBytes.HasValue ? settings.Drops ?? 1 : 0;
                _initFailuresLeft = settings.InitFailStatus.HasValue ? settings.InitFailCount ?? 1 : 0;
                _createFailuresLeft = settings.CreateFailStatus.HasValue ? settings.CreateFailCount ?? 1 : 0;
                changed = _changed;
                _changed = NewSignal();
            }

            changed.TrySetResult();
        }

        /// <summary>Changes some settings, keeping the rest (e.g. <c>faults.Update(f =&gt; f with { Stall = false })</c>).</summary>
        public void Update(Func<FaultSettings, FaultSettings> change)
        {
            ArgumentNullException.ThrowIfNull(change);
            Set(change(Current));
        }

        /// <summary>Removes every fault.</summary>
        public void Clear() => Set(new FaultSettings());

        internal FaultSettings Snapshot()
        {
            lock (_gate) return _settings;
        }

        /// <summary>Whether a connection that has received <paramref name="connectionBytes"/> must be dropped now; consumes one drop.</summary>
        internal bool TryConsumeDrop(long connectionBytes, out int? closeCode)
        {
            lock (_gate)
            {
                closeCode = _settings.DropCloseCode;
                if (_dropsLeft <= 0 || _settings.DropAfterBytes is not { } limit || connectionBytes < limit) return false;
                _dropsLeft--;
                return true;
            }
        }

        internal bool TryConsumeInitFailure(out int status, out int retryAfterSeconds)
        {
            lock (_gate)
            {
                status = _settings.InitFailStatus ?? 0;
                retryAfterSeconds = _settings.RetryAfterSeconds;
                if (_initFailuresLeft <= 0 || status == 0) return false;
                _initFailuresLeft--;
                return true;
            }
        }

        /// <summary>The next injected failure of <c>POST /v2/pre-recorded</c>, if one is left.</summary>
        internal bool TryConsumeCreateFailure(out int status, out int retryAfterSeconds)
        {
            lock (_gate)
            {
                status = _settings.CreateFailStatus ?? 0;
                retryAfterSeconds = _settings.RetryAfterSeconds;
                if (_createFailuresLeft <= 0 || status == 0) return false;
                _createFailuresLeft--;
                return true;
            }
        }

        /// <summary>
        /// Completes when the settings next change. Take it before checking the settings, so a change made in between is
        /// not missed.
        /// </summary>
        internal Task NextChange
        {
            get
            {
                lock (_gate) return _changed.Task;
            }
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
