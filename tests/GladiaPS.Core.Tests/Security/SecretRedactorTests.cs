using System;
using GladiaPS.Core.Security;
using Xunit;

namespace GladiaPS.Core.Tests.Security
{
    public class SecretRedactorTests
    {
        [Fact]
        public void RedactUrl_MasksTheToken_AndKeepsTheRest()
        {
            var url = new Uri("wss://api.gladia.io/v2/live?token=7c2d9e10-55ab-4f0e&lang=en");

            Assert.Equal("wss://api.gladia.io/v2/live?token=***&lang=en", SecretRedactor.RedactUrl(url));
        }

        [Fact]
        public void RedactUrl_MasksSignedStorageParameters_AndUserInfo()
        {
            var url = new Uri("https://user:pw@storage.example.net:8443/b/o.wav?X-Amz-Signature=abc&X-Amz-Credential=def&sig=ghi&part=1");

            var redacted = SecretRedactor.RedactUrl(url);

            Assert.Equal("https://***@storage.example.net:8443/b/o.wav?X-Amz-Signature=***&X-Amz-Credential=***&sig=***&part=1", redacted);
        }

        [Fact]
        public void RedactUrl_LeavesUrlsWithoutSecretsAlone()
        {
            Assert.Equal("https://api.gladia.io/v2/live/abc", SecretRedactor.RedactUrl(new Uri("https://api.gladia.io/v2/live/abc")));
            Assert.Equal(string.Empty, SecretRedactor.RedactUrl(null));
        }

        [Fact]
        public void RedactText_RemovesEveryOccurrence_PlainAndEscaped()
        {
            const string secret = "a+b/c=d";
            var text = "key a+b/c=d then a%2Bb%2Fc%3Dd and again a+b/c=d";

            Assert.Equal("key *** then *** and again ***", SecretRedactor.RedactText(text, secret));
            Assert.Equal("nothing", SecretRedactor.RedactText("nothing", null, ""));
        }

        [Fact]
        public void RedactLiveUrl_MasksEveryQueryValue_WhateverItsName()
        {
            var url = new Uri("wss://live.example.net:9443/v2/live/ws?t=7c2d9e10&session=abc&flag");

            Assert.Equal("wss://live.example.net:9443/v2/live/ws?t=***&session=***&flag", SecretRedactor.RedactLiveUrl(url));
        }

        [Fact]
        public void ScrubLiveUrl_RemovesTheUrlAndItsQuery_InEverySpelling()
        {
            var url = new Uri("wss://api.gladia.io/v2/live?token=7c2d9e10-55ab");
            var text = "connect to wss://api.gladia.io/v2/live?token=7c2d9e10-55ab failed; query token=7c2d9e10-55ab";

            var scrubbed = SecretRedactor.ScrubLiveUrl(text, url);

            Assert.DoesNotContain("7c2d9e10-55ab", scrubbed);
            Assert.Equal("connect to wss://api.gladia.io/v2/live?token=*** failed; query token=***", scrubbed);
        }
    }
}
