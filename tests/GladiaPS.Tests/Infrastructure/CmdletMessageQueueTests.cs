using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class CmdletMessageQueueTests
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

        /// <summary>Stands in for the cmdlet: records what is written and on which thread. Not thread-safe, as a cmdlet's Write methods.</summary>
        private sealed class Recorder
        {
            public List<(int Producer, int Sequence, int WriterThread)> Items { get; } = new();
        }

        [Fact]
        public async Task ItemsFromManyThreads_AreAllWritten_OnTheDrainingThread_InPerThreadOrder()
        {
            const int producers = 8;
            const int perProducer = 2_000;
            var queue = new CmdletMessageQueue<Recorder>();
            var recorder = new Recorder();
            var start = new ManualResetEventSlim();
            var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
            {
                start.Wait();
                for (var i = 0; i < perProducer; i++)
                {
                    var sequence = i;
                    queue.Post(r => r.Items.Add((p, sequence, Environment.CurrentManagedThreadId)));
                }
            }) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());

            var drainer = Task.Factory.StartNew(() =>
            {
                var thread = Environment.CurrentManagedThreadId;
                start.Set();
                queue.DrainUntil(recorder, () => recorder.Items.Count == producers * perProducer, CancellationToken.None);
                return thread;
            }, TaskCreationOptions.LongRunning);

            var drainThread = await drainer.WaitAsync(Deadline);
            Assert.Equal(producers * perProducer, recorder.Items.Count);
            Assert.All(recorder.Items, item => Assert.Equal(drainThread, item.WriterThread));
            Assert.DoesNotContain(threads, t => t.ManagedThreadId == drainThread);
            foreach (var group in recorder.Items.GroupBy(i => i.Producer))
            {
                Assert.Equal(Enumerable.Range(0, perProducer), group.Select(i => i.Sequence));
            }
        }

        [Fact]
        public async Task DrainUntil_ReturnsOnceTheConditionHolds_WithoutWaitingForMore()
        {
            var queue = new CmdletMessageQueue<List<string>>();
            var done = false;
            queue.Post(w => w.Add("first"));
            queue.Post(w =>
            {
                w.Add("second");
                done = true;
            });
            var written = new List<string>();

            var drain = Task.Run(() => queue.DrainUntil(written, () => done, CancellationToken.None));

            await drain.WaitAsync(Deadline);
            Assert.Equal(new[] { "first", "second" }, written);
        }

        [Fact]
        public async Task DrainUntil_WritesWhatWasPostedBeforeTheConditionTurnedTrue()
        {
            var queue = new CmdletMessageQueue<List<string>>();
            var done = 0;
            var written = new List<string>();
            var drain = Task.Run(() => queue.DrainUntil(written, () => Volatile.Read(ref done) == 1, CancellationToken.None));

            // Work posts its last items, then marks itself complete and wakes the drain (as the cmdlet base does).
            queue.Post(w => w.Add("a"));
            queue.Post(w => w.Add("b"));
            Volatile.Write(ref done, 1);
            queue.Wake();

            await drain.WaitAsync(Deadline);
            Assert.Equal(new[] { "a", "b" }, written);
        }

        [Fact]
        public void DrainUntil_WhenTheConditionAlreadyHolds_WritesPendingAndReturns()
        {
            var queue = new CmdletMessageQueue<List<string>>();
            queue.Post(w => w.Add("pending"));
            var written = new List<string>();

            queue.DrainUntil(written, () => true, CancellationToken.None);

            Assert.Equal(new[] { "pending" }, written);
        }

        [Fact]
        public async Task Cancellation_ThrowsPromptly_WhileWaiting()
        {
            var queue = new CmdletMessageQueue<List<string>>();
            using var cancel = new CancellationTokenSource();
            var waiting = new ManualResetEventSlim();
            var drain = Task.Factory.StartNew(() =>
            {
                waiting.Set();
                queue.DrainUntil(new List<string>(), () => false, cancel.Token);
            }, TaskCreationOptions.LongRunning);
            Assert.True(waiting.Wait(Deadline));

            var clock = Stopwatch.StartNew();
            cancel.Cancel();
            var elapsed = await drain.ContinueWith(_ => clock.Elapsed, TaskScheduler.Default).WaitAsync(Deadline);

            Assert.True(elapsed < TimeSpan.FromSeconds(1), "cancellation took " + elapsed);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);
        }

        [Fact]
        public void Cancellation_BeforeTheDrain_Throws()
        {
            var queue = new CmdletMessageQueue<List<string>>();
            queue.Post(w => w.Add("x"));

            Assert.ThrowsAny<OperationCanceledException>(() => queue.DrainUntil(new List<string>(), () => false, new CancellationToken(true)));
        }

        [Fact]
        public async Task PostAfterComplete_DoesNotThrow_AndADrainOfTheCompletedQueueReturns()
        {
            var queue = new CmdletMessageQueue<List<string>>();
            queue.Post(w => w.Add("before"));
            queue.Complete();

            var exception = Record.Exception(() =>
            {
                queue.Post(w => w.Add("after"));
                queue.Wake();
            });

            Assert.Null(exception);
            var written = new List<string>();
            var drain = Task.Run(() => queue.DrainUntil(written, () => false, CancellationToken.None));
            await drain.WaitAsync(Deadline);
            Assert.Equal(new[] { "before" }, written);
        }

        [Fact]
        public async Task WritePending_WritesOnlyWhatIsThere_WithoutBlocking()
        {
            var queue = new CmdletMessageQueue<List<string>>();
            queue.Post(w => w.Add("one"));
            queue.Post(w => w.Add("two"));
            var written = new List<string>();

            var write = Task.Run(() => queue.WritePending(written));

            await write.WaitAsync(Deadline);
            Assert.Equal(new[] { "one", "two" }, written);
        }
    }
}
