using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Emulator.PreRecorded;
using GladiaPS.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GladiaPS.Emulator.Http
{
    /// <summary>The pre-recorded routes: upload, the uploaded files, jobs (create, get, list, delete) and a job's audio.</summary>
    internal static class PreRecordedEndpoints
    {
        public static void Map(WebApplication app, GladiaEmulator emulator)
        {
            app.MapPost("/v2/upload", context => UploadAsync(context, emulator));
            app.MapGet("/file/{id}", context => UploadedFileAsync(context, emulator));
            app.MapPost("/v2/pre-recorded", context => CreateAsync(context, emulator));
            app.MapGet("/v2/pre-recorded", context => ApiEndpoints.Send(context, LiveJobList.Build(context, emulator, "/v2/pre-recorded",
                emulator.PreRecorded.Jobs.Select(j => new LiveJobList.Listed(j.ToJob()["status"]!.GetValue<string>(), j.CreatedAt, j.CustomMetadata, j.ToJob)), "pre-recorded")));
            app.MapGet("/v2/pre-recorded/{id}", context => GetAsync(context, emulator));
            app.MapDelete("/v2/pre-recorded/{id}", context => DeleteAsync(context, emulator));
            app.MapGet("/v2/pre-recorded/{id}/file", context => JobFileAsync(context, emulator));
        }

        private static async Task UploadAsync(HttpContext context, GladiaEmulator emulator)
        {
            var faults = emulator.Faults.Snapshot();
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = null;
            }

            // The multipart framing adds a few hundred bytes to the file; a body this much larger holds a larger file.
            if (faults.UploadMaxBytes is long max && context.Request.ContentLength > max + 64 * 1024)
            {
                await TooLargeAsync(context, max).ConfigureAwait(false);
                return;
            }

            if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) ||
                !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
                HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            {
                await ApiEndpoints.Send(context, ErrorBodies.Create(context, 400, "The upload must be multipart/form-data with the file in the field 'audio'")).ConfigureAwait(false);
                return;
            }

            var reader = new MultipartReader(boundary, context.Request.Body);
            string? path = null;
            string? fileName = null;
            long bytes = 0;
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false)) != null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    HeaderUtilities.RemoveQuotes(disposition.Name).Value != "audio" || path != null)
                {
                    await section.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
                    continue;
                }

                fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "audio";
                path = emulator.PreRecorded.NewUploadPath();
                bytes = await SaveAsync(section.Body, path, faults, context.RequestAborted).ConfigureAwait(false);
                if (bytes < 0)
                {
                    AudioDecoding.TryDelete(path);
                    await TooLargeAsync(context, faults.UploadMaxBytes!.Value).ConfigureAwait(false);
                    return;
                }
            }

            if (path is null || fileName is null)
            {
                await ApiEndpoints.Send(context, ErrorBodies.Create(context, 400, "The field 'audio' with a file is missing")).ConfigureAwait(false);
                return;
            }

            var probed = bytes == 0 ? null : await AudioDecoding.ProbeAsync(path, context.RequestAborted).ConfigureAwait(false);
            if (probed is not { } audio)
            {
                AudioDecoding.TryDelete(path);
                await ApiEndpoints.Send(context, ErrorBodies.Create(context, 415, $"'{Path.GetFileName(fileName)}' is not an audio or video file this server can read")).ConfigureAwait(false);
                return;
            }

            var upload = new UploadedAudio(Guid.NewGuid().ToString(), path, audio.WavPath, Path.GetFileName(fileName),
                Path.GetExtension(fileName).TrimStart('.'), bytes, audio.Duration, audio.Channels);
            emulator.PreRecorded.AddUpload(upload);
            await ApiEndpoints.Send(context, ApiEndpoints.Json(new JsonObject
            {
                ["audio_url"] = emulator.BaseUrl.ToString().TrimEnd('/') + "/file/" + upload.Id,
                ["audio_metadata"] = new JsonObject
                {
                    ["id"] = upload.Id,
                    ["filename"] = upload.FileName,
                    ["extension"] = upload.Extension,
                    ["size"] = upload.Size,
                    ["audio_duration"] = Math.Round(upload.Duration, 3),
                    ["number_of_channels"] = upload.Channels,
                },
            })).ConfigureAwait(false);
        }

        /// <summary>Copies the part to disk, as slowly as the slow-reader fault says; -1 when it passes the size fault.</summary>
        private static async Task<long> SaveAsync(Stream body, string path, FaultSettings faults, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var buffer = new byte[81920];
            long total = 0;
            await using var file = File.Create(path);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, faults.UploadReadBytesPerSecond is long r ? (int)Math.Min(buffer.Length, Math.Max(1024, r / 10)) : buffer.Length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (faults.UploadMaxBytes is long max && total > max)
                {
                    return -1;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if (faults.UploadReadBytesPerSecond is long rate)
                {
                    var due = TimeSpan.FromSeconds(total / (double)rate) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            return total;
        }

        private static Task TooLargeAsync(HttpContext context, long max) =>
            ApiEndpoints.Send(context, ErrorBodies.Create(context, 413, $"File too large: the limit is {max} bytes"));

        private static async Task UploadedFileAsync(HttpContext context, GladiaEmulator emulator)
        {
            var upload = emulator.PreRecorded.FindUpload((string)context.Request.RouteValues["id"]!);
            await ApiEndpoints.Send(context, upload is null
                ? ErrorBodies.Create(context, 404, "File not found")
                : Results.File(upload.Path, "application/octet-stream", upload.FileName)).ConfigureAwait(false);
        }

        private static async Task CreateAsync(HttpContext context, GladiaEmulator emulator)
        {
            if (emulator.Faults.TryConsumeCreateFailure(out var status, out var retryAfter))
            {
                if (status == 429)
                {
                    context.Response.Headers["Retry-After"] = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await ApiEndpoints.Send(context, ErrorBodies.Create(context, status, status == 429 ? "Too many jobs: injected limit" : $"Injected failure with status {status}")).ConfigureAwait(false);
                return;
            }

            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
            }
            catch (JsonException e)
            {
                await ApiEndpoints.Send(context, ErrorBodies.Create(context, 400, "Malformed JSON in request body: " + e.Message)).ConfigureAwait(false);
                return;
            }

            var problem = body is null ? "The request body must be a JSON object" : Validate(body);
            if (problem != null)
            {
                await ApiEndpoints.Send(context, ErrorBodies.Create(context, body is null ? 400 : 422, problem)).ConfigureAwait(false);
                return;
            }

            var audioUrl = new Uri((string)body!["audio_url"]!);
            var store = emulator.PreRecorded;
            var faults = emulator.Faults.Snapshot();
            var name = audioUrl.Authority == emulator.BaseUrl.Authority && audioUrl.AbsolutePath.StartsWith("/file/", StringComparison.Ordinal)
                ? store.FindUpload(audioUrl.AbsolutePath.Substring("/file/".Length))?.FileName ?? audioUrl.AbsolutePath
                : audioUrl.AbsolutePath;
            var faultError = faults.JobErrorCode is int code && (faults.JobErrorMatch is null || name.Contains(faults.JobErrorMatch, StringComparison.OrdinalIgnoreCase)) ? code : (int?)null;
            var job = new EmulatedJob(body, audioUrl.ToString(), faults.JobSeconds, faultError, ct => store.ResolveAsync(audioUrl, emulator.BaseUrl, ct));
            store.AddJob(job);
            await ApiEndpoints.Send(context, ApiEndpoints.Json(new JsonObject
            {
                ["id"] = job.Id,
                ["result_url"] = emulator.BaseUrl.ToString().TrimEnd('/') + "/v2/pre-recorded/" + job.Id,
            }, 201)).ConfigureAwait(false);
        }

        /// <summary>The checks the emulator makes on a job body; the first problem, or null.</summary>
        internal static string? Validate(JsonObject body)
        {
            if (body["audio_url"] is not JsonValue url || url.GetValueKind() != JsonValueKind.String ||
                !Uri.TryCreate(url.GetValue<string>(), UriKind.Absolute, out var parsed) || (parsed.Scheme != "http" && parsed.Scheme != "https"))
            {
                return "audio_url must be an http or https URL";
            }

            if (body["diarization_config"] is JsonObject diarization &&
                (int?)diarization["min_speakers"] is int min && (int?)diarization["max_speakers"] is int max && min > max)
            {
                return "diarization_config.min_speakers must not be more than max_speakers";
            }

            if (body["subtitles_config"]?["formats"] is JsonArray formats && formats.Any(f => (string?)f is not ("srt" or "vtt")))
            {
                return "subtitles_config.formats must contain only srt or vtt";
            }

            if (body["audio_to_llm"]?.GetValue<bool>() == true && body["audio_to_llm_config"]?["prompts"] is not JsonArray { Count: > 0 })
            {
                return "audio_to_llm_config.prompts is required when audio_to_llm is true";
            }

            return null;
        }

        private static async Task GetAsync(HttpContext context, GladiaEmulator emulator)
        {
            var job = emulator.PreRecorded.FindJob((string)context.Request.RouteValues["id"]!);
            if (job is null)
            {
                await ApiEndpoints.Send(context, ErrorBodies.Create(context, 404, "Pre-recorded job not found")).ConfigureAwait(false);
                return;
            }

            await ApiEndpoints.Send(context, ApiEndpoints.Json(ApiEndpoints.WithAnswerId(await job.ToJobAsync(context.RequestAborted).ConfigureAwait(false), emulator))).ConfigureAwait(false);
        }

        private static async Task DeleteAsync(HttpContext context, GladiaEmulator emulator)
        {
            if (!emulator.PreRecorded.RemoveJob((string)context.Request.RouteValues["id"]!))
            {
                await ApiEndpoints.Send(context, ErrorBodies.Create(context, 404, "Pre-recorded job not found")).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 202;
        }

        private static async Task JobFileAsync(HttpContext context, GladiaEmulator emulator)
        {
            var job = emulator.PreRecorded.FindJob((string)context.Request.RouteValues["id"]!);
            var file = job?.File ?? (job is null ? null : FindLocalUpload(emulator, job.Source));
            if (file is not null && emulator.Faults.Snapshot().EndlessFile)
            {
                await ApiEndpoints.WriteEndlessAsync(context, System.IO.File.OpenRead(file.Path)).ConfigureAwait(false);
                return;
            }

            await ApiEndpoints.Send(context, file is null
                ? ErrorBodies.Create(context, 404, job is null ? "Pre-recorded job not found" : "No audio file for this job")
                : Results.File(file.Path, "application/octet-stream", file.FileName)).ConfigureAwait(false);
        }

        private static UploadedAudio? FindLocalUpload(GladiaEmulator emulator, string source) =>
            Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Authority == emulator.BaseUrl.Authority && url.AbsolutePath.StartsWith("/file/", StringComparison.Ordinal)
                ? emulator.PreRecorded.FindUpload(url.AbsolutePath.Substring("/file/".Length))
                : null;
    }
}
