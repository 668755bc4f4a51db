using System;
using System.Collections.Generic;
using GladiaPS.Core.Options;
using GladiaPS.Infrastructure;
using Xunit;

namespace GladiaPS.Tests.Infrastructure
{
    public class ClientSettingsResolverTests
    {
        private const string ParameterKey = "param-key-4f1d9c0e";
        private const string EnvironmentKey = "env-key-77ab21e5";

        private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in variables)
            {
                map[name] = value;
            }

            return name => map.TryGetValue(name, out var value) ? value : null;
        }

        [Fact]
        public void KeyFromTheParameter_BeatsTheEnvironment()
        {
            var settings = ClientSettingsResolver.Resolve(ParameterKey, null, Environment(("GLADIA_API_KEY", EnvironmentKey)));

            Assert.Equal(ParameterKey, settings.ApiKey);
        }

        [Fact]
        public void KeyFromTheEnvironment_WhenNoParameter_OrABlankOne()
        {
            var none = ClientSettingsResolver.Resolve(null, null, Environment(("GLADIA_API_KEY", "  " + EnvironmentKey + " ")));
            var blank = ClientSettingsResolver.Resolve("   ", null, Environment(("GLADIA_API_KEY", EnvironmentKey)));

            Assert.Equal(EnvironmentKey, none.ApiKey);
            Assert.Equal(EnvironmentKey, blank.ApiKey);
        }

        [Fact]
        public void MissingKey_SaysHowToGiveOne()
        {
            var error = Assert.Throws<GladiaValidationException>(() => ClientSettingsResolver.Resolve(null, null, Environment(("GLADIA_API_KEY", " "))));

            Assert.Equal("ApiKey", error.Field);
            Assert.Contains("-ApiKey", error.Message);
            Assert.Contains("$env:GLADIA_API_KEY", error.Message);
        }

        [Fact]
        public void ApiUrl_FromTheEnvironment_IsUsed()
        {
            var settings = ClientSettingsResolver.Resolve(ParameterKey, null, Environment(("GLADIA_API_URL", "http://127.0.0.1:45678")));

            Assert.Equal(new Uri("http://127.0.0.1:45678"), settings.RestBaseUrl);
            Assert.Equal("ws", settings.WebSocketBaseUrl.Scheme);
        }

        [Fact]
        public void WithoutAnApiUrl_TheGladiaApiIsUsed()
        {
            var settings = ClientSettingsResolver.Resolve(ParameterKey, null, Environment());

            Assert.Equal("api.gladia.io", settings.RestBaseUrl.Host);
            Assert.Null(settings.Region);
        }

        [Fact]
        public void BadApiUrl_NamesTheVariable()
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => ClientSettingsResolver.Resolve(ParameterKey, null, Environment(("GLADIA_API_URL", "not a url"))));

            Assert.Contains("GLADIA_API_URL", error.Message);
            Assert.DoesNotContain(ParameterKey, error.Message);
        }

        [Fact]
        public void Region_FromTheParameter_BeatsTheEnvironment()
        {
            var fromParameter = ClientSettingsResolver.Resolve(ParameterKey, "us-west", Environment(("GLADIA_REGION", "eu-west")));
            var fromEnvironment = ClientSettingsResolver.Resolve(ParameterKey, null, Environment(("GLADIA_REGION", "eu-west")));

            Assert.Equal("us-west", fromParameter.Region);
            Assert.Equal("eu-west", fromEnvironment.Region);
        }

        [Fact]
        public void TheKey_NeverAppearsInToString()
        {
            var fromParameter = ClientSettingsResolver.Resolve(ParameterKey, "eu-west", Environment(("GLADIA_API_URL", "http://127.0.0.1:45678")));
            var fromEnvironment = ClientSettingsResolver.Resolve(null, null, Environment(("GLADIA_API_KEY", EnvironmentKey)));

            Assert.DoesNotContain(ParameterKey, fromParameter.ToString());
            Assert.DoesNotContain(EnvironmentKey, fromEnvironment.ToString());
            Assert.Contains("127.0.0.1:45678", fromParameter.ToString());
        }

        [Fact]
        public void ProductToken_NamesThePowerShellModule()
        {
            var settings = ClientSettingsResolver.Resolve(ParameterKey, null, Environment());

            Assert.Contains(settings.ProductTokens, t => t.StartsWith("GladiaPS-PowerShell/", StringComparison.Ordinal));
        }
    }
}
