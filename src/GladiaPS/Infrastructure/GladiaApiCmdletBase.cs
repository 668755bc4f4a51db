using System;
using System.Management.Automation;
using System.Security;
using GladiaPS.Completion;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    /// <summary>A cmdlet that talks to the API: the key and region parameters, and a REST client built from them.</summary>
    public abstract class GladiaApiCmdletBase : GladiaCmdletBase
    {
        /// <summary>The Gladia API key; $env:GLADIA_API_KEY when omitted.</summary>
        [Parameter]
        [ApiKeyTransformation]
        public SecureString? ApiKey { get; set; }

        /// <summary>Where sessions are processed (eu-west, us-west); $env:GLADIA_REGION when omitted.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>A REST client for this invocation; its log goes to the debug stream (the key never appears in it).</summary>
        internal GladiaRestClient CreateClient()
        {
            try
            {
                var settings = ClientSettingsResolver.Resolve(
                    ApiKey is null ? null : Secrets.ToPlainText(ApiKey), Region, Environment.GetEnvironmentVariable);
                settings.Log = PostDebug;
                // The URL is the user's, but may carry user:password@ or ?api_key=: shown redacted like every other.
                WriteVerbose("Gladia API at " + Core.Security.SecretRedactor.RedactUrl(settings.RestBaseUrl) + (settings.Region is null ? string.Empty : " (region " + settings.Region + ")"));
                return new GladiaRestClient(settings);
            }
            catch (GladiaValidationException exception)
            {
                var id = exception.Field == "ApiKey" ? "ApiKeyMissing" : "InvalidSetting";
                ThrowTerminatingError(new ErrorRecord(exception, id, ErrorCategory.InvalidArgument, exception.Field));
                throw;
            }
        }
    }
}
