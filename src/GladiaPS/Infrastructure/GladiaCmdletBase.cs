using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// The shape every GladiaPS cmdlet shares: one cancellation source per invocation, cancelled by Ctrl+C
    /// (<see cref="StopProcessing"/>); async work on the thread pool that posts what it has to say; and the
    /// pipeline thread, the only one that blocks, writing it.
    /// </summary>
    public abstract class GladiaCmdletBase : PSCmdlet, IDisposable
    {
        /// <summary>How long a stopped pipeline waits for work to finish cleaning up (closing sessions) before it returns anyway.</summary>
        internal static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(700);

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly List<Task> _work = new List<Task>();

        // When the work was first told to stop: the grace is one budget from then, however many waits share it.
        private long _stoppedAtTicks;

        internal CmdletMessageQueue<GladiaCmdletBase> Messages { get; } = new CmdletMessageQueue<GladiaCmdletBase>();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        internal CancellationToken Cancellation => _stopping.Token;

        /// <summary>
        /// Ends the invocation, however it ended: done, failed, Ctrl+C, or stopped from downstream, which PowerShell does
        /// without <see cref="StopProcessing"/> (<c>Select-Object -First</c> stops the commands before it by an exception
        /// out of their WriteObject, and <c>-ErrorAction Stop</c> does the same from WriteError). Work still running is
        /// stopped as on Ctrl+C, so it closes what it opened (sessions are stopped, so the server finishes them), and is
        /// given <see cref="StopGrace"/> to do so; it finishes in the background after that.
        /// </summary>
        public void Dispose()
        {
            StopWork();
            Task[] running;
            lock (_work)
            {
                running = _work.Where(t => !t.IsCompleted).ToArray();
            }

            if (running.Length > 0)
            {
                try
                {
                    Task.WaitAll(running, GraceLeft());
                }
                catch (AggregateException)
                {
                    // Stopped work ends with its cancellation; its errors have nowhere to go now.
                }
            }

            OnDispose();
            Messages.Complete();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what the invocation held (a REST client).</summary>
        internal virtual void OnDispose()
        {
        }

        protected override void StopProcessing() => StopWork();

        private TimeSpan GraceLeft()
        {
            var stoppedAt = Interlocked.Read(ref _stoppedAtTicks);
            var elapsed = stoppedAt == 0
                ? TimeSpan.Zero
                : TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - stoppedAt) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            return elapsed >= StopGrace ? TimeSpan.Zero : StopGrace - elapsed;
        }

        private void StopWork()
        {
            Interlocked.CompareExchange(ref _stoppedAtTicks, Stopwatch.GetTimestamp(), 0);
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The invocation had already finished.
            }
        }

        /// <summary>
        /// Starts <paramref name="work"/> on the thread pool with the invocation's cancellation; it is stopped when the
        /// invocation ends however it ends (see <see cref="Dispose"/>). Background work outliving one call (an input
        /// running while the next is read) starts here.
        /// </summary>
        internal Task Start(Func<CancellationToken, Task> work)
        {
            var token = Cancellation;
            var task = Task.Run(() => work(token), CancellationToken.None);
            lock (_work)
            {
                _work.RemoveAll(t => t.IsCompleted);
                _work.Add(task);
            }

            return task;
        }

        /// <summary>Runs <paramref name="work"/> on the thread pool and writes what it posts until it completes.</summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            var result = default(T)!;
            Run(async token => { result = await work(token).ConfigureAwait(false); });
            return result;
        }

        /// <summary>Runs <paramref name="work"/> on the thread pool and writes what it posts until it completes.</summary>
        internal void Run(Func<CancellationToken, Task> work)
        {
            var task = Start(work);
            WaitFor(task);
            task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// Runs <paramref name="work"/> like <see cref="Run(Func{CancellationToken, Task})"/>, giving up after <paramref name="timeoutSeconds"/>
        /// (none when null): false when the time ran out. Ctrl+C still stops the pipeline.
        /// </summary>
        internal bool RunWithin(double? timeoutSeconds, Func<CancellationToken, Task> work)
        {
            using var limit = timeoutSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
            var inTime = true;
            Run(async token =>
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, limit.Token);
                try
                {
                    await work(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    inTime = false;
                }
            });
            return inTime;
        }

        /// <summary>
        /// Writes what background work posts until <paramref name="task"/> completes. On Ctrl+C it gives the
        /// work <see cref="StopGrace"/> to finish its clean-up, then stops the pipeline whatever the work does.
        /// </summary>
        internal void WaitFor(Task task) => WaitUntil(() => task.IsCompleted, task);

        /// <summary>Writes what background work posts until <paramref name="done"/> holds; <paramref name="wakeOn"/> completing re-checks it.</summary>
        internal void WaitUntil(Func<bool> done, Task? wakeOn = null)
        {
            wakeOn?.ContinueWith(_ => Messages.Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                Messages.DrainUntil(this, done, Cancellation);
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
            }
            catch (Exception) when (!Cancellation.IsCancellationRequested)
            {
                // A write ended the pipeline under this command (Select-Object -First is satisfied, or -ErrorAction Stop):
                // the work stops now, as on Ctrl+C, and Dispose gives it the grace to close what it opened.
                StopWork();
                throw;
            }

            if (Cancellation.IsCancellationRequested)
            {
                if (wakeOn is not null)
                {
                    try
                    {
                        wakeOn.Wait(GraceLeft());
                    }
                    catch (AggregateException)
                    {
                        // Cancelled work fails with its cancellation; the pipeline is stopping either way.
                    }
                }

                throw new PipelineStoppedException();
            }
        }

        /// <summary>Whether verbose records are shown: -Verbose, else $VerbosePreference. Read on the pipeline thread.</summary>
        internal bool IsVerboseOn()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var bound))
            {
                return bound is SwitchParameter verbose ? verbose.IsPresent : LanguagePrimitives.IsTrue(bound);
            }

            return LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("VerbosePreference"), out var preference)
                && preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }

        internal void PostObject(object? value) => Messages.Post(c => c.WriteObject(value));

        internal void PostError(ErrorRecord error) => Messages.Post(c => c.WriteError(error));

        internal void PostWarning(string text) => Messages.Post(c => c.WriteWarning(text));

        internal void PostVerbose(string text) => Messages.Post(c => c.WriteVerbose(text));

        internal void PostDebug(string text) => Messages.Post(c => c.WriteDebug(text));

        internal void PostProgress(ProgressRecord progress) => Messages.Post(c => c.WriteProgress(progress));

        /// <summary>Throws the error as terminating, after writing what is already posted.</summary>
        internal void Terminate(ErrorRecord error)
        {
            Messages.WritePending(this);
            ThrowTerminatingError(error);
        }
    }
}
