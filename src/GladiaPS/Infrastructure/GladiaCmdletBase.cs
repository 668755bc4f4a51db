using System;
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

        internal CmdletMessageQueue<GladiaCmdletBase> Messages { get; } = new CmdletMessageQueue<GladiaCmdletBase>();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        internal CancellationToken Cancellation => _stopping.Token;

        public void Dispose()
        {
            OnDispose();
            Messages.Complete();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what the invocation held (a REST client).</summary>
        internal virtual void OnDispose()
        {
        }

        protected override void StopProcessing()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The invocation had already finished.
            }
        }

        /// <summary>Runs <paramref name="work"/> on the thread pool and writes what it posts until it completes.</summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            var token = Cancellation;
            var task = Task.Run(() => work(token), CancellationToken.None);
            WaitFor(task);
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Runs <paramref name="work"/> on the thread pool and writes what it posts until it completes.</summary>
        internal void Run(Func<CancellationToken, Task> work)
        {
            var token = Cancellation;
            var task = Task.Run(() => work(token), CancellationToken.None);
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

            if (Cancellation.IsCancellationRequested)
            {
                if (wakeOn is not null)
                {
                    try
                    {
                        wakeOn.Wait(StopGrace);
                    }
                    catch (AggregateException)
                    {
                        // Cancelled work fails with its cancellation; the pipeline is stopping either way.
                    }
                }

                throw new PipelineStoppedException();
            }
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
