using System.Text.Json;

namespace GladiaPS.Core.Models
{
    /// <summary>
    /// A pre-recorded job as <c>GET /v2/pre-recorded/{id}</c> and the list return it. Parsing is as tolerant
    /// as for live jobs (<c>error_code</c> as number or string, nullable <c>file</c> and <c>request_params</c>);
    /// the full JSON stays in <see cref="GladiaJob.Raw"/>.
    /// </summary>
    public sealed class PreRecordedJob : GladiaJob
    {
        public PreRecordedJobFile? File { get; internal set; }

        public PreRecordedResult? Result { get; internal set; }

        public static bool TryParse(string? json, out PreRecordedJob job) => TryParse(json, FromJson, new PreRecordedJob(), out job);

        /// <summary>Reads a job from a JSON object; missing or malformed fields are left empty.</summary>
        /// <exception cref="System.FormatException">A time in it is NaN, infinite or out of range.</exception>
        public static PreRecordedJob FromJson(JsonElement element)
        {
            var job = new PreRecordedJob();
            if (job.ReadHeader(element))
            {
                job.File = TolerantJson.GetObject(element, "file") is { } file ? PreRecordedJobFile.FromJson(file) : null;
                job.Result = TolerantJson.GetObject(element, "result") is { } result ? PreRecordedResult.FromJson(result) : null;
            }

            return job;
        }
    }
}
