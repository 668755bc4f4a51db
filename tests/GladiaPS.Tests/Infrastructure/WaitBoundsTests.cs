using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class WaitBoundsTests
    {
        [Fact]
        public void WithoutTimeout_AJobIsWaitedForAsInvokeGladiaTranscriptionWaits() => Assert.Equal(7200, WaitBounds.For(null, sessionOpenHere: false));

        [Fact]
        public void WithoutTimeout_ASessionOpenHere_GetsGladiasSessionLimitToo() => Assert.Equal(7200 + 3 * 3600 + 300, WaitBounds.For(null, sessionOpenHere: true));

        [Fact]
        public void ATimeoutGiven_IsTheBound() => Assert.Equal(2, WaitBounds.For(2, sessionOpenHere: true));

        [Fact]
        public void InvokeGladiaTranscriptionsDefault_IsTheSame() =>
            Assert.Equal(WaitBounds.JobSeconds, new GladiaPS.Commands.InvokeGladiaTranscriptionCommand().Timeout);
    }
}
