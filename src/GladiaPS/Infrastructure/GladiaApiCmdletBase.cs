using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
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

        /// <summary>The API's URL as shown (credentials redacted), once <see cref="CreateClient"/> has run.</summary>
        internal string? ApiUrl { get; private set; }

        /// <summary>A REST client for this invocation; its log goes to the debug stream (the key never appears in it).</summary>
        internal GladiaRestClient CreateClient()
        {
            try
            {
                var settings = ClientSettingsResolver.Resolve(
                    ApiKey is null ? null : Secrets.ToPlainText(ApiKey), Region, Environment.GetEnvironmentVariable);
                settings.Log = PostDebug;
                // The URL is the user's, but may carry user:password@ or ?api_key=: shown redacted like every other.
                ApiUrl = Core.Security.SecretRedactor.RedactUrl(settings.RestBaseUrl);
                WriteVerbose("Gladia API at " + ApiUrl + (settings.Region is null ? string.Empty : " (region " + settings.Region + ")"));
                return new GladiaRestClient(settings);
            }
            catch (GladiaValidationException exception)
            {
                var id = exception.Field == "ApiKey" ? "ApiKeyMissing" : "InvalidSetting";
                ThrowTerminatingError(new ErrorRecord(exception, id, ErrorCategory.InvalidArgument, exception.Field));
                throw;
            }
        }

        /// <summary>
        /// Writes the error of one id of a by-id command as a non-terminating error, so the next id goes on; but a failure that
        /// every further id would meet too (the key refused, the server out of reach: <see cref="BatchFailure.FailsEveryId"/>)
        /// ends the command with one terminating error, as a failed batch of files does.
        /// </summary>
        internal void WriteIdError(Exception exception, string id, string context)
        {
            if (BatchFailure.FailsEveryId(exception))
            {
                ThrowTerminatingError(BatchFailure.Describe(exception, id, ApiUrl));
            }

            WriteError(GladiaErrors.From(exception, id, context));
        }

        /// <summary>
        /// Writes the jobs a listing yields, at most -First of them, then with -IncludeTotalCount the total (the listing is
        /// read to its end to count it: the API gives no total); a refused filter or a failed listing ends the command,
        /// after what was already listed.
        /// </summary>
        internal void WriteListing<TJob>(
            ListPaging paging, Func<CancellationToken, IAsyncEnumerable<TJob>> list, Func<TJob, object> toOutput, string what)
        {
            try
            {
                ulong seen = 0;
                Run(async token =>
                {
                    await foreach (var job in list(token).ConfigureAwait(false))
                    {
                        if (seen < paging.First)
                        {
                            PostObject(toOutput(job));
                        }
                        else if (!paging.IncludeTotalCount)
                        {
                            break;
                        }

                        seen++;
                    }
                });

                if (paging.IncludeTotalCount)
                {
                    var total = paging.Skip + seen;
                    var count = new PSObject(total);
                    count.Methods.Add(new PSScriptMethod("ToString", ScriptBlock.Create("'Total count: ' + $this.PSObject.BaseObject")));
                    WriteObject(count);
                }
            }
            catch (GladiaValidationException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, "InvalidFilter", ErrorCategory.InvalidArgument, exception.Field));
            }
            catch (Exception exception) when (exception is not PipelineStoppedException)
            {
                ThrowTerminatingError(GladiaErrors.From(exception, null, what));
            }
        }
    }
}
