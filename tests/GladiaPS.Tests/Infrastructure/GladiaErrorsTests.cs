using System.Management.Automation;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class GladiaErrorsTests
    {
        [Fact]
        public void AnUnusableAnswer_IsAnInvalidResult_SayingWhy()
        {
            var exception = new GladiaApiException(200, "GET", "/v2/pre-recorded/j1", "unexpected response: the answer is not a usable job: 'end' is 1e300", null)
            {
                Problem = GladiaAnswerProblem.Unusable,
            };

            var record = GladiaErrors.From(exception, "j1");

            Assert.Equal(ErrorCategory.InvalidResult, record.CategoryInfo.Category);
            Assert.StartsWith("InvalidAnswer", record.FullyQualifiedErrorId);
            Assert.Contains("'end' is 1e300", record.ErrorDetails.Message);
            Assert.DoesNotContain("answered 200", record.ErrorDetails.Message);
        }

        [Fact]
        public void AnAnswerPastALimit_IsLimitsExceeded_NamingIt()
        {
            var exception = new GladiaApiException(200, "GET", "/v2/live/j1", "unexpected response: the answer is larger than the limit of 1024 bytes (MaxJsonBodyBytes) once decompressed", null)
            {
                Problem = GladiaAnswerProblem.TooLarge,
            };

            var record = GladiaErrors.From(exception, "j1");

            Assert.Equal(ErrorCategory.LimitsExceeded, record.CategoryInfo.Category);
            Assert.StartsWith("AnswerTooLarge", record.FullyQualifiedErrorId);
            Assert.Contains("(MaxJsonBodyBytes)", record.ErrorDetails.Message);
        }

        [Fact]
        public void ARefusal_KeepsItsStatusCategory() =>
            Assert.Equal(ErrorCategory.AuthenticationError, GladiaErrors.From(new GladiaApiException(401, "GET", "/v2/live/j1", "no", null), "j1").CategoryInfo.Category);
    }
}
