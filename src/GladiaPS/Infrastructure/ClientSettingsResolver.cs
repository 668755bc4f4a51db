using System;
using GladiaPS.Core.Configuration;
using GladiaPS.Core.Options;

namespace GladiaPS.Infrastructure
{
    /// <summary>Where a cmdlet's connection settings come from: its parameters first, then the environment.</summary>
    internal static class ClientSettingsResolver
    {
        public const string MissingKeyMessage =
            "No Gladia API key was given. Pass -ApiKey (a string, a SecureString such as (Get-Secret Gladia), or a PSCredential), " +
            "or set $env:GLADIA_API_KEY for the session.";

        /// <exception cref="GladiaValidationException">No key anywhere, or an unusable URL or region; the message names which.</exception>
        public static GladiaClientSettings Resolve(string? apiKey, string? region, Func<string, string?> environment)
        {
            var settings = new GladiaClientSettings();
            var key = Trimmed(apiKey) ?? Trimmed(environment(GladiaClientSettings.ApiKeyVariable));
            if (key is null)
            {
                throw new GladiaValidationException("ApiKey", MissingKeyMessage);
            }

            settings.ApiKey = key;
            if (Trimmed(environment(GladiaClientSettings.ApiUrlVariable)) is { } url)
            {
                settings.BaseUrl = GladiaClientSettings.ParseBaseUrl(url, "$env:" + GladiaClientSettings.ApiUrlVariable);
            }

            settings.Region = Trimmed(region) ?? Trimmed(environment(GladiaClientSettings.RegionVariable));
            settings.ProductTokens.Add("GladiaPS-PowerShell/" + typeof(ClientSettingsResolver).Assembly.GetName().Version!.ToString(3));
            settings.Validate();
            return settings;
        }

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
