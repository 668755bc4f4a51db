using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Http;
using Xunit;

namespace GladiaPS.Core.Tests.Rest
{
    public class RetryPolicyTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 2, 14, 10, 0, 0, TimeSpan.Zero);

        private static HttpResponseMessage WithRetryAfter(RetryConditionHeaderValue value)
        {
            var response = new HttpResponseMessage((HttpStatusCode)429);
            response.Headers.RetryAfter = value;
            return response;
        }

        [Fact]
        public void RetryAfter_HttpDate_IsMeasuredFromNow_AndCapped()
        {
            var options = new GladiaHttpOptions { MaxRetryAfter = TimeSpan.FromSeconds(60) };

            using var soon = WithRetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(7)));
            Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.Compute(0, soon, options, Now));

            using var late = WithRetryAfter(new RetryConditionHeaderValue(Now.AddHours(2)));
            Assert.Equal(TimeSpan.FromSeconds(60), RetryDelay.Compute(0, late, options, Now));

            using var past = WithRetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(-30)));
            Assert.Equal(TimeSpan.Zero, RetryDelay.Compute(0, past, options, Now));
        }

        [Fact]
        public void RetryAfter_Seconds_AreHonoured()
        {
            using var response = WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)));
            Assert.Equal(TimeSpan.FromSeconds(3), RetryDelay.Compute(4, response, new GladiaHttpOptions(), Now));
        }

        [Fact]
        public void Backoff_DoublesUpToTheCap_AndJitterStaysWithinHalfToFull()
        {
            var options = new GladiaHttpOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(300), MaxRetryDelay = TimeSpan.FromSeconds(10) };

            Assert.Equal(TimeSpan.FromMilliseconds(300), RetryDelay.Backoff(0, options, 1));
            Assert.Equal(TimeSpan.FromMilliseconds(600), RetryDelay.Backoff(1, options, 1));
            Assert.Equal(TimeSpan.FromMilliseconds(4800), RetryDelay.Backoff(4, options, 1));
            Assert.Equal(TimeSpan.FromSeconds(10), RetryDelay.Backoff(10, options, 1));
            Assert.Equal(TimeSpan.FromSeconds(10), RetryDelay.Backoff(1000, options, 1));
            Assert.Equal(TimeSpan.FromMilliseconds(150), RetryDelay.Backoff(0, options, 0));

            for (var i = 0; i < 200; i++)
            {
                var delay = RetryDelay.Compute(2, null, options, Now);
                Assert.InRange(delay, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(1200));
            }
        }

        [Theory]
        [InlineData(408, true, true)]
        [InlineData(429, true, true)]
        [InlineData(503, true, true)]
        [InlineData(500, true, false)]
        [InlineData(502, true, false)]
        [InlineData(504, true, false)]
        [InlineData(501, false, false)]
        [InlineData(400, false, false)]
        [InlineData(401, false, false)]
        [InlineData(404, false, false)]
        [InlineData(413, false, false)]
        [InlineData(422, false, false)]
        public void Statuses_RetriedPerOperationKind(int status, bool idempotent, bool create)
        {
            Assert.Equal(idempotent, RetryClassifier.IsRetryableStatus(status, RetryMode.Idempotent));
            Assert.Equal(create, RetryClassifier.IsRetryableStatus(status, RetryMode.CreateOnlyIfNotCreated));
        }

        [Fact]
        public void Init_IsRetriedOnlyForFailuresBeforeSending()
        {
            var refused = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));
            var unresolved = new HttpRequestException("dns", new SocketException((int)SocketError.HostNotFound));
            var reset = new HttpRequestException("reset", new System.IO.IOException("x", new SocketException((int)SocketError.ConnectionReset)));
            var ended = new HttpRequestException("ended prematurely");

            Assert.True(RetryClassifier.IsRetryableException(refused, RetryMode.CreateOnlyIfNotCreated));
            Assert.True(RetryClassifier.IsRetryableException(unresolved, RetryMode.CreateOnlyIfNotCreated));
            Assert.False(RetryClassifier.IsRetryableException(reset, RetryMode.CreateOnlyIfNotCreated));
            Assert.False(RetryClassifier.IsRetryableException(ended, RetryMode.CreateOnlyIfNotCreated));
            Assert.False(RetryClassifier.IsRetryableException(new AttemptTimeoutException(TimeSpan.FromSeconds(1)), RetryMode.CreateOnlyIfNotCreated));

            Assert.True(RetryClassifier.IsRetryableException(reset, RetryMode.Idempotent));
            Assert.True(RetryClassifier.IsRetryableException(new AttemptTimeoutException(TimeSpan.FromSeconds(1)), RetryMode.Idempotent));
        }
    
        [Fact]
        public void CertificateFailures_AreNeverRetried()
        {
            var untrusted = new HttpRequestException("The SSL connection could not be established",
                new System.Security.Authentication.AuthenticationException("The remote certificate is invalid according to the validation procedure."));

            Assert.False(RetryClassifier.IsRetryableException(untrusted, RetryMode.Idempotent));
            Assert.False(RetryClassifier.IsRetryableException(untrusted, RetryMode.CreateOnlyIfNotCreated));
        }
    }
}
