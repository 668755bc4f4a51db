using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using Xunit;

namespace GladiaPS.Core.Tests.Live
{
    public class AudioBacklogTests
    {
        [Fact]
        public async Task Append_CopiesCallerBuffer_OneSegmentPerChunk()
        {
            var backlog = new AudioBacklog(capacity: 1000, segmentSize: 100);
            var audio = LiveTestHelpers.Audio(60, 1);
            await backlog.AppendAsync(audio, CancellationToken.None);
            await backlog.AppendAsync(LiveTestHelpers.Audio(30, 2), CancellationToken.None);
            var original = audio[0];
            audio[0] ^= 0xFF;

            Assert.Equal(90, backlog.End);
            Assert.Equal(100, backlog.HeldBytes);
            var first = backlog.BeginRead(0);
            backlog.EndRead();
            Assert.Equal(60, first.Length);
            Assert.Equal(original, first.Span[0]);
            Assert.Equal(30, backlog.BeginRead(60).Length);
            Assert.Equal(10, backlog.BeginRead(80).Length);
            Assert.True(backlog.BeginRead(90).IsEmpty);
            backlog.EndRead();
        }

        [Fact]
        public async Task LargeChunks_AreSplitOnSampleFrames_AndNeverStraddleBlocks()
        {
            var backlog = new AudioBacklog(capacity: 1000, segmentSize: 100, alignment: 6);
            await backlog.AppendAsync(LiveTestHelpers.Audio(30, 3), CancellationToken.None);
            await backlog.AppendAsync(LiveTestHelpers.Audio(250, 4), CancellationToken.None);

            // 30 bytes in block 1; the 250-byte chunk starts a new block and is cut every 96 bytes (16 frames of 6).
            Assert.Equal(30, backlog.BeginRead(0).Length);
            Assert.Equal(96, backlog.BeginRead(30).Length);
            Assert.Equal(96, backlog.BeginRead(126).Length);
            Assert.Equal(58, backlog.BeginRead(222).Length);
            backlog.EndRead();
            Assert.Equal(400, backlog.HeldBytes);
        }

        [Fact]
        public async Task Acknowledge_ReleasesWholeBlocks_AndReusesTheirMemory()
        {
            var backlog = new AudioBacklog(capacity: 300, segmentSize: 100);
            for (var i = 0; i < 6; i++)
            {
                await backlog.AppendAsync(LiveTestHelpers.Audio(50, 10 + i), CancellationToken.None);
            }

            Assert.True(MemoryMarshal.TryGetArray(backlog.BeginRead(0), out var firstBlock));
            backlog.EndRead();
            Assert.Equal(300, backlog.HeldBytes);

            backlog.AcknowledgeUpTo(150);
            Assert.Equal(150, backlog.Acknowledged);
            Assert.Equal(200, backlog.HeldBytes);
            Assert.True(backlog.BeginRead(0).IsEmpty);
            backlog.EndRead();

            var next = LiveTestHelpers.Audio(100, 20);
            await backlog.AppendAsync(next, CancellationToken.None);
            Assert.True(MemoryMarshal.TryGetArray(backlog.BeginRead(300), out var reused));
            backlog.EndRead();
            Assert.Same(firstBlock.Array, reused.Array);
            Assert.Equal(next, reused.ToArray());
        }

        [Fact]
        public async Task BlockBeingSent_IsNotReused_UntilTheWriterIsDone()
        {
            var backlog = new AudioBacklog(capacity: 100, segmentSize: 100);
            await backlog.AppendAsync(LiveTestHelpers.Audio(100, 30), CancellationToken.None);
            var sending = backlog.BeginRead(0);
            var copy = sending.ToArray();

            backlog.AcknowledgeUpTo(100);
            var append = backlog.AppendAsync(LiveTestHelpers.Audio(100, 31), CancellationToken.None);
            Assert.False(append.IsCompleted);
            Assert.Equal(copy, sending.ToArray());

            backlog.EndRead();
            await LiveTestHelpers.Within(append);
            Assert.Equal(200, backlog.End);
        }

        [Fact]
        public async Task Acknowledge_BackwardsOrBeyondEnd_NeverCorrupts()
        {
            var backlog = new AudioBacklog(capacity: 1000, segmentSize: 100);
            var audio = LiveTestHelpers.Audio(300, 5);
            await backlog.AppendAsync(audio, CancellationToken.None);
            backlog.AcknowledgeUpTo(200);
            backlog.AcknowledgeUpTo(100);
            Assert.Equal(200, backlog.Acknowledged);
            Assert.Equal(audio.AsSpan(200).ToArray(), backlog.BeginRead(200).ToArray());
            backlog.EndRead();
            backlog.AcknowledgeUpTo(10_000);
            Assert.Equal(300, backlog.Acknowledged);
            Assert.Equal(100, backlog.HeldBytes);
            Assert.Equal(0, backlog.UnacknowledgedBytes);
        }

        [Fact]
        public async Task Append_WaitsWhenFull_AndResumesOnAcknowledgment()
        {
            var backlog = new AudioBacklog(capacity: 200, segmentSize: 100);
            await backlog.AppendAsync(LiveTestHelpers.Audio(200, 6), CancellationToken.None);
            var blocked = backlog.AppendAsync(LiveTestHelpers.Audio(100, 7), CancellationToken.None);
            Assert.False(blocked.IsCompleted);
            Assert.Equal(200, backlog.HeldBytes);

            backlog.AcknowledgeUpTo(50);
            Assert.False(blocked.IsCompleted);
            backlog.AcknowledgeUpTo(100);
            await LiveTestHelpers.Within(blocked);
            Assert.Equal(300, backlog.End);
            Assert.Equal(200, backlog.HeldBytes);
        }

        [Fact]
        public async Task Append_WhenFull_IsCancellable_AndClosedBacklogRefuses()
        {
            var backlog = new AudioBacklog(capacity: 100, segmentSize: 100);
            await backlog.AppendAsync(LiveTestHelpers.Audio(100, 8), CancellationToken.None);
            using var cancel = new CancellationTokenSource();
            var blocked = backlog.AppendAsync(LiveTestHelpers.Audio(10, 9), cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LiveTestHelpers.Within(blocked, TimeSpan.FromSeconds(1)));

            var waiting = backlog.AppendAsync(LiveTestHelpers.Audio(10, 10), CancellationToken.None);
            backlog.Close();
            await Assert.ThrowsAsync<InvalidOperationException>(() => LiveTestHelpers.Within(waiting));
        }

        [Fact]
        public async Task Append_OfSeveralFrames_CancelledWhileWaiting_QueuesNothing()
        {
            var backlog = new AudioBacklog(capacity: 400, segmentSize: 100);
            await backlog.AppendAsync(LiveTestHelpers.Audio(300, 11), CancellationToken.None);
            using var cancel = new CancellationTokenSource();

            // Two frames, room for one: nothing may be queued until both fit.
            var blocked = backlog.AppendAsync(LiveTestHelpers.Audio(200, 12), cancel.Token);
            Assert.False(blocked.IsCompleted);
            Assert.Equal(300, backlog.End);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LiveTestHelpers.Within(blocked, TimeSpan.FromSeconds(5)));

            Assert.Equal(300, backlog.End);
            Assert.Equal(300, backlog.HeldBytes);
        }

        [Fact]
        public async Task Append_LargerThanTheBacklog_IsQueuedInParts_AndNotInterruptedOnceStarted()
        {
            var backlog = new AudioBacklog(capacity: 200, segmentSize: 100);
            using var cancel = new CancellationTokenSource();
            var audio = LiveTestHelpers.Audio(300, 13);

            var sending = backlog.AppendAsync(audio, cancel.Token);
            Assert.Equal(200, backlog.End);
            cancel.Cancel();
            backlog.AcknowledgeUpTo(100);

            await LiveTestHelpers.Within(sending);
            Assert.Equal(300, backlog.End);
        }

        [Fact]
        public async Task ManyChunks_AllocateNothingPerChunk()
        {
            var backlog = new AudioBacklog(capacity: 64 * 1024, segmentSize: 16 * 1024);
            var chunk = LiveTestHelpers.Audio(3200, 11);
            for (var i = 0; i < 100; i++)
            {
                await backlog.AppendAsync(chunk, CancellationToken.None);
                backlog.AcknowledgeUpTo(backlog.End);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                await backlog.AppendAsync(chunk, CancellationToken.None);
                backlog.AcknowledgeUpTo(backlog.End);
            }

            // 32 MB of audio went through; only bookkeeping objects may be allocated, never the audio itself.
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 10_000L * 3200 / 10, "Allocated " + allocated + " bytes for 32 MB of audio.");
            Assert.Equal(10_100L * 3200, backlog.Acknowledged);
        }

        [Fact]
        public void Capacity_BelowOneSegment_IsRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new AudioBacklog(capacity: 10, segmentSize: 100));
        }
    }
}
