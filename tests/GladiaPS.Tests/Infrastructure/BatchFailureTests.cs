using System.Net.Http;
using System.Net.Sockets;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class BatchFailureTests
    {
        [Theory]
        [InlineData(401, true)]
        [InlineData(403, false)]
        [InlineData(404, false)]
        [InlineData(422, false)]
        [InlineData(500, false)]
        public void Only_a_refused_key_fails_every_id(int status, bool everyId)
        {
            var exception = new GladiaApiException(status, "GET", "/v2/pre-recorded/j1", "no", null);

            Assert.Equal(everyId, BatchFailure.FailsEveryId(exception));
        }

        [Fact]
        public void An_unreachable_server_fails_every_id()
        {
            var exception = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));

            Assert.True(BatchFailure.FailsEveryId(exception));
        }

        [Fact]
        public void A_403_still_fails_a_batch_that_sends_the_same_request_for_every_input()
        {
            Assert.True(BatchFailure.IsBatchWide(new GladiaApiException(403, "POST", "/v2/live", "no", null)));
        }
    }
}
