using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;
using Xunit;

namespace GladiaPS.Core.Tests.Live
{
    /// <summary>The budget of unread messages: final transcripts last to go, one report per spell of drops.</summary>
    public class UnreadMessageBudgetTests
    {
        private static LiveMessage Other(int chars) => new UnknownLiveMessage { Type = "mystery", Raw = new string('x', chars) };

        private static LiveMessage FinalTranscript(int chars) => new TranscriptMessage { Type = "transcript", IsFinal = true, Raw = new string('x', chars) };

        [Fact]
        public void OthersStopAtThreeQuarters_FinalsAtTheWhole_AndEachSpellIsReportedOnce()
        {
            // Each message counts 256 + 2 × 9872 = 20,000 bytes; the budget is 100,000.
            var budget = new UnreadMessageBudget(100_000, 0);
            var others = new LiveMessage[3];
            for (var i = 0; i < 3; i++)
            {
                others[i] = Other(9872);
                Assert.True(budget.TryAdmit(others[i], always: false, out var none));
                Assert.Null(none);
            }

            Assert.False(budget.TryAdmit(Other(9872), always: false, out var first));
            Assert.Equal(LiveErrorKind.MessagesDropped, first);
            Assert.False(budget.TryAdmit(Other(9872), always: false, out var second));
            Assert.Null(second);

            Assert.True(budget.TryAdmit(FinalTranscript(9872), always: false, out _));
            Assert.True(budget.TryAdmit(FinalTranscript(9872), always: false, out _));
            Assert.False(budget.TryAdmit(FinalTranscript(9872), always: false, out _));
            Assert.True(budget.TryAdmit(Other(9872), always: true, out _));
            Assert.Equal(3, budget.MessagesDropped);
        }

        [Fact]
        public void ASpellEndsOnceHalfTheBudgetIsFree()
        {
            var budget = new UnreadMessageBudget(100_000, 0);
            var held = new[] { Other(9872), Other(9872), Other(9872) };
            foreach (var message in held)
            {
                Assert.True(budget.TryAdmit(message, always: false, out _));
            }

            Assert.False(budget.TryAdmit(Other(9872), always: false, out var first));
            Assert.Equal(LiveErrorKind.MessagesDropped, first);
            Assert.False(budget.TryAdmit(Other(9872), always: false, out var sameSpell));
            Assert.Null(sameSpell);

            // Reading down to half the budget or less ends the spell: the next drop is reported again.
            budget.Release(held[0]);
            Assert.Equal(40_000, budget.UnreadBytes);
            Assert.False(budget.TryAdmit(Other(19872), always: false, out var newSpell));
            Assert.Equal(LiveErrorKind.MessagesDropped, newSpell);
        }
    }
}
