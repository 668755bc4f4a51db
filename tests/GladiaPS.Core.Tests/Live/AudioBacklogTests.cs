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
        public async Task Append_CopiesCallerBuffer_AndSplitsIntoSegments()
        {
            var backlog = new AudioBacklog(capacity: 1000, segmentSize: 100);
            var audio = LiveTestHelpers.Audio(250, 1);
            await backlog.AppendAsync(audio, CancellationToken.None);
            audio[0] ^= 0xFF;

            Assert.Equal(250, backlog.End);
            Assert.Equal(250, backlog.HeldBytes);
            var first = backlog.ReadFrom(0);
            Assert.Equal(100, first.Length);
            Assert.NotEqual(audio[0], first.Span[0]);
            Assert.Equal(50, backlog.ReadFrom(200).Length);
            Assert.Equal(30, backlog.ReadFrom(170).Length);
            Assert.True(backlog.ReadFrom(250).IsEmpty);
        }

        [Fact]
        public async Task Acknowledge_FreesOnlyWholeSegments_WithoutCopying()
        {
            var backlog = new AudioBacklog(capacity: 1000, segmentSize: 100);
            await backlog.AppendAsync(LiveTestHelpers.Audio(300, 2), CancellationToken.None);
            Assert.True(MemoryMarshal.TryGetArray(backlog.ReadFrom(150), out var before));

            backlog.AcknowledgeUpTo(150);

            Assert.Equal(150, backlog.Acknowledged);
            Assert.Equal(200, backlog.HeldBytes);
            Assert.True(backlog.ReadFrom(0).IsEmpty);
            Assert.True(MemoryMarshal.TryGetArray(backlog.ReadFrom(150), out var after));
            Assert.Same(before.Array, after.Array);
            Assert.Equal(50, after.Offset);
        }

        [Fact]
        public async Task Acknowledge_BackwardsOrBeyondEnd_NeverCorrupts()
        {
            var backlog = new AudioBacklog(capacity: 1000, segmentSize: 100);
            await backlog.AppendAsync(LiveTestHelpers.Audio(300, 3), CancellationToken.None);
            backlog.AcknowledgeUpTo(200);
            backlog.AcknowledgeUpTo(100);
            Assert.Equal(200, backlog.Acknowledged);
            Assert.Equal(100, backlog.HeldBytes);
            backlog.AcknowledgeUpTo(10_000);
            Assert.Equal(300, backlog.Acknowledged);
            Assert.Equal(0, backlog.HeldBytes);
        }

        [Fact]
        public async Task Append_WaitsWhenFull_AndResumesOnAcknowledgment()
        {
            var backlog = new AudioBacklog(capacity: 200, segmentSize: 100);
            await backlog.AppendAsync(LiveTestHelpers.Audio(200, 4), CancellationToken.None);
            var blocked = backlog.AppendAsync(LiveTestHelpers.Audio(100, 5), CancellationToken.None);
            Assert.False(blocked.IsCompleted);
            Assert.Equal(200, backlog.HeldBytes);

            backlog.AcknowledgeUpTo(100);
            await LiveTestHelpers.Within(blocked);
            Assert.Equal(300, backlog.End);
            Assert.Equal(200, backlog.HeldBytes);
        }

        [Fact]
        public async Task Append_WhenFull_IsCancellable_AndClosedBacklogRefuses()
        {
            var backlog = new AudioBacklog(capacity: 100, segmentSize: 100);
            await backlog.AppendAsync(LiveTestHelpers.Audio(100, 6), CancellationToken.None);
            using var cancel = new CancellationTokenSource();
            var blocked = backlog.AppendAsync(LiveTestHelpers.Audio(10, 7), cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LiveTestHelpers.Within(blocked, TimeSpan.FromSeconds(1)));

            var waiting = backlog.AppendAsync(LiveTestHelpers.Audio(10, 8), CancellationToken.None);
            backlog.Close();
            await Assert.ThrowsAsync<InvalidOperationException>(() => LiveTestHelpers.Within(waiting));
        }

        [Fact]
        public void Capacity_BelowOneSegment_IsRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new AudioBacklog(capacity: 10, segmentSize: 100));
        }
    }
}
