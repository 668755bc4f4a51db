using System;
using System.Collections.Generic;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Options;
using Xunit;

namespace GladiaPS.Core.Tests.Configuration
{
    public class GladiaClientSettingsTests
    {
        private const string Key = "9f6c1d2e-7a41-4b0c-8e3d-5f2a1b0c9d8e";

        private static GladiaClientSettings FromEnv(params (string Name, string? Value)[] variables)
        {
            var map = new Dictionary<string, string?>();
            foreach (var (name, value) in variables)
            {
                map[name] = value;
            }

            return GladiaClientSettings.FromEnvironment(name => map.TryGetValue(name, out var value) ? value : null);
        }

        [Fact]
        public void FromEnvironment_DefaultsToGladiaHttps_WhenOnlyKeyIsSet()
        {
            var settings = FromEnv(("GLADIA_API_KEY", Key));

            Assert.Equal(new Uri("https://api.gladia.io"), settings.BaseUrl);
            Assert.Equal(Key, settings.ApiKey);
            Assert.Null(settings.Region);
            Assert.Equal(new Uri("https://api.gladia.io"), settings.RestBaseUrl);
            Assert.Equal(new Uri("wss://api.gladia.io"), settings.WebSocketBaseUrl);
        }

        [Fact]
        public void FromEnvironment_ReadsUrlAndRegion_AndTrimsThem()
        {
            var settings = FromEnv(("GLADIA_API_KEY", " " + Key + " "), ("GLADIA_API_URL", " https://eu.example.net:8443/gladia "), ("GLADIA_REGION", "us-west"));

            Assert.Equal(Key, settings.ApiKey);
            Assert.Equal(new Uri("https://eu.example.net:8443/gladia"), settings.BaseUrl);
            Assert.Equal("us-west", settings.Region);
        }

        [Fact]
        public void FromEnvironment_TreatsEmptyVariablesAsUnset()
        {
            var settings = FromEnv(("GLADIA_API_KEY", Key), ("GLADIA_API_URL", ""), ("GLADIA_REGION", "  "));

            Assert.Equal(GladiaClientSettings.DefaultBaseUrl, settings.BaseUrl);
            Assert.Null(settings.Region);
        }

        [Fact]
        public void FromEnvironment_RequiresKey_ForGladiaHost()
        {
            var error = Assert.Throws<GladiaValidationException>(() => FromEnv());

            Assert.Equal("ApiKey", error.Field);
            Assert.Contains("GLADIA_API_KEY", error.Message);
            Assert.Contains("api.gladia.io", error.Message);
        }

        [Theory]
        [InlineData("https://eu.gladia.io")]
        [InlineData("wss://API.GLADIA.IO")]
        [InlineData("https://gladia.io")]
        public void KeyIsMandatory_ForAnyGladiaIoHost(string url)
        {
            var error = Assert.Throws<GladiaValidationException>(() => FromEnv(("GLADIA_API_URL", url)));
            Assert.Equal("ApiKey", error.Field);
        }

        [Theory]
        [InlineData("http://localhost:8080")]
        [InlineData("https://gladia.io.example.com")]
        [InlineData("https://notgladia.io")]
        public void KeyIsOptional_ForOtherHosts(string url)
        {
            var settings = FromEnv(("GLADIA_API_URL", url));
            Assert.Null(settings.ApiKey);
        }

        [Theory]
        [InlineData("ftp://example.net", "scheme 'ftp' is not supported")]
        [InlineData("not a url", "is not an absolute URL")]
        [InlineData("/v2/live", "is not an absolute URL")]
        public void FromEnvironment_RejectsBadUrl_NamingTheVariable(string url, string expected)
        {
            var error = Assert.Throws<GladiaValidationException>(() => FromEnv(("GLADIA_API_KEY", Key), ("GLADIA_API_URL", url)));

            Assert.Equal("GLADIA_API_URL", error.Field);
            Assert.StartsWith("GLADIA_API_URL: ", error.Message);
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void FromEnvironment_RejectsUnknownRegion_NamingTheVariableAndTheChoices()
        {
            var error = Assert.Throws<GladiaValidationException>(() => FromEnv(("GLADIA_API_KEY", Key), ("GLADIA_REGION", "ap-south")));

            Assert.Equal("GLADIA_REGION", error.Field);
            Assert.Equal("GLADIA_REGION: 'ap-south' is not a region; use one of eu-west, us-west.", error.Message);
        }

        [Fact]
        public void Region_IsNormalisedToLowercase()
        {
            var settings = FromEnv(("GLADIA_API_KEY", Key), ("GLADIA_REGION", "EU-West"));
            Assert.Equal("eu-west", settings.Region);
        }

        [Theory]
        [InlineData("https://x.example", "https://x.example/", "wss://x.example/")]
        [InlineData("http://x.example:8080", "http://x.example:8080/", "ws://x.example:8080/")]
        [InlineData("wss://x.example", "https://x.example/", "wss://x.example/")]
        [InlineData("ws://x.example:81/proxy/", "http://x.example:81/proxy/", "ws://x.example:81/proxy/")]
        public void SchemeMapping_DerivesRestAndWebSocketBases(string configured, string rest, string webSocket)
        {
            var settings = new GladiaClientSettings { BaseUrl = new Uri(configured) };

            Assert.Equal(rest, settings.RestBaseUrl.AbsoluteUri);
            Assert.Equal(webSocket, settings.WebSocketBaseUrl.AbsoluteUri);
        }

        [Fact]
        public void FromEnvironment_ReadsTheProcessEnvironment()
        {
            // The real variables are only read, never written, so parallel tests are unaffected.
            var key = Environment.GetEnvironmentVariable("GLADIA_API_KEY");
            var url = Environment.GetEnvironmentVariable("GLADIA_API_URL");
            if (string.IsNullOrWhiteSpace(key) && string.IsNullOrWhiteSpace(url))
            {
                Assert.Throws<GladiaValidationException>(() => GladiaClientSettings.FromEnvironment());
            }
            else
            {
                Assert.NotNull(GladiaClientSettings.FromEnvironment().BaseUrl);
            }
        }

        [Fact]
        public void VersionHeader_PutsCallerTokensFirst_ThenGladiaPS()
        {
            var settings = new GladiaClientSettings { ApiKey = Key };
            settings.Headers["X-Gladia-Version"] = "Host/7.4";
            settings.ProductTokens.Add("MyModule/3.0");

            Assert.Equal("Host/7.4 MyModule/3.0 " + GladiaClientInfo.ProductToken, settings.VersionHeaderValue);
            Assert.StartsWith("GladiaPS/", GladiaClientInfo.ProductToken);
        }

        [Fact]
        public void ExtraHeaders_LowercaseGladiaNames_AndRefuseTheKeyHeader()
        {
            var settings = new GladiaClientSettings { ApiKey = Key };
            settings.Headers["X-Gladia-Trace"] = "abc";
            settings.Headers["X-Other"] = "1";

            var names = new List<string>();
            foreach (var header in settings.NormalizedExtraHeaders())
            {
                names.Add(header.Key);
            }

            Assert.Contains("x-gladia-trace", names);
            Assert.Contains("X-Other", names);

            settings.Headers["X-GLADIA-KEY"] = "other";
            var error = Assert.Throws<GladiaValidationException>(settings.Validate);
            Assert.Equal("Headers", error.Field);
        }

        [Theory]
        [InlineData("My Module/1.0")]
        [InlineData("")]
        public void ProductTokens_WithSpacesOrEmpty_AreRejected(string token)
        {
            var settings = new GladiaClientSettings { ApiKey = Key };
            settings.ProductTokens.Add(token);

            var error = Assert.Throws<GladiaValidationException>(settings.Validate);
            Assert.Equal("ProductTokens", error.Field);
        }

        [Fact]
        public void ToString_NeverShowsTheKey()
        {
            var settings = new GladiaClientSettings { ApiKey = Key, Region = "eu-west" };

            var text = settings.ToString();

            Assert.DoesNotContain(Key, text);
            Assert.Contains("ApiKey=***", text);
            Assert.Contains("Region=eu-west", text);
            Assert.Contains("ApiKey=(none)", new GladiaClientSettings().ToString());
        }

        [Fact]
        public void HttpOptions_NegativeRetriesOrZeroTimeout_AreRejectedByName()
        {
            var settings = new GladiaClientSettings { ApiKey = Key };
            settings.Http.MaxRetries = -1;
            Assert.Equal("MaxRetries", Assert.Throws<GladiaValidationException>(settings.Validate).Field);

            settings.Http.MaxRetries = 1;
            settings.Http.DownloadTimeout = TimeSpan.Zero;
            Assert.Equal("DownloadTimeout", Assert.Throws<GladiaValidationException>(settings.Validate).Field);

            settings.Http.DownloadTimeout = TimeSpan.FromSeconds(1);
            settings.Http.DownloadIdleTimeout = TimeSpan.Zero;
            Assert.Equal("DownloadIdleTimeout", Assert.Throws<GladiaValidationException>(settings.Validate).Field);
        }

        [Fact]
        public void Clone_IsIndependentOfTheOriginal()
        {
            var settings = new GladiaClientSettings { ApiKey = Key };
            settings.ProductTokens.Add("A/1");
            var copy = settings.Clone();

            settings.ProductTokens.Add("B/2");
            settings.Http.MaxRetries = 9;

            Assert.Equal(new[] { "A/1" }, copy.ProductTokens);
            Assert.Equal(3, copy.Http.MaxRetries);
        }
    
        [Fact]
        public void RestClientSettings_IsACopy_ThatCannotChangeTheClient()
        {
            using var client = new GladiaPS.Core.Rest.GladiaRestClient(new GladiaClientSettings { ApiKey = Key, BaseUrl = new Uri("http://127.0.0.1:9/") });

            var seen = client.Settings;
            seen.Http.MaxRetries = 9;
            seen.BaseUrl = new Uri("http://127.0.0.1:10/");
            seen.ProductTokens.Add("Changed/1");

            Assert.NotSame(seen, client.Settings);
            Assert.Equal(3, client.Settings.Http.MaxRetries);
            Assert.Equal(new Uri("http://127.0.0.1:9/"), client.Settings.BaseUrl);
            Assert.DoesNotContain("Changed/1", client.Settings.ProductTokens);
        }
    }
}
