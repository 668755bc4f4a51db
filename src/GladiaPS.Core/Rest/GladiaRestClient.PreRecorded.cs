using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Http;
using GladiaPS.Core.Models;
using GladiaPS.Core.Options;

namespace GladiaPS.Core.Rest
{
    public sealed partial class GladiaRestClient
    {
        private const string UploadPath = "v2/upload";
        private const string PreRecordedPath = "v2/pre-recorded";

        /// <summary>
        /// <c>POST /v2/upload</c>: sends the file as <c>multipart/form-data</c> (field <c>audio</c>), streamed from
        /// disk with its length known, so memory stays flat whatever the file's size. <paramref name="progress"/>
        /// hears the bytes taken so far (from 0 again if an attempt is repeated). The upload fails with a
        /// <see cref="TimeoutException"/> when no byte moves for <see cref="Configuration.GladiaHttpOptions.UploadIdleTimeout"/>
        /// or the answer does not come within it after the last byte.
        /// </summary>
        /// <remarks>Retried only when the server certainly kept nothing (408, 429, 503, a connection never made).</remarks>
        /// <exception cref="FileNotFoundException">There is no such file.</exception>
        /// <exception cref="Audio.AudioFormatException">The file is empty, or cannot be audio or video (text, a document, an image, an archive); nothing is sent.</exception>
        /// <exception cref="GladiaApiException">The server refused (413 too large, 415 not audio, 401, …) or its answer is unusable.</exception>
        public async Task<UploadedAudio> UploadAudioAsync(string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("path: a file path is required.", nameof(path));
            }

            var fullPath = Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                throw new FileNotFoundException($"path: the file '{fullPath}' does not exist.", fullPath);
            }

            // Opened once up front so that a file that cannot be read, or cannot be audio, fails before any request.
            long length;
            using (var probe = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                length = probe.Length;
                Audio.Containers.MediaFileCheck.ThrowIfNotMedia(fullPath, probe);
            }

            var fileName = Path.GetFileName(fullPath);
            var idleTimeout = _settings.Http.UploadIdleTimeout;
            using var idle = new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            long sent = 0;

            HttpContent BuildContent()
            {
                var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true);
                var counted = new ProgressReadStream(file, total =>
                {
                    sent = total;
                    idle.CancelAfter(idleTimeout);
                    progress?.Report(total);
                });
                var part = new StreamContent(counted, CopyBufferSize);
                part.Headers.ContentType = new MediaTypeHeaderValue(MediaTypeOf(fileName));
                var form = new MultipartFormDataContent("gladiaps-" + Guid.NewGuid().ToString("N"));
                form.Add(part, "audio", fileName);
                return form;
            }

            var spec = new RequestSpec(HttpMethod.Post, BuildUrl(UploadPath), Timeout.InfiniteTimeSpan, RetryMode.CreateOnlyIfNotCreated)
            {
                ContentFactory = BuildContent,
            };

            try
            {
                idle.CancelAfter(idleTimeout);
                using var response = await _sender.SendAsync(spec, linked.Token).ConfigureAwait(false);
                var text = await ReadBodyAsync(response, spec, linked.Token).ConfigureAwait(false);
                using var document = Models.TolerantJson.TryParseDocument(text);
                var uploaded = document is null ? null : UploadedAudio.FromJson(document.RootElement);
                if (uploaded is null)
                {
                    throw Unusable(response, spec, "the answer has no http(s) 'audio_url'");
                }

                _sender.Log(string.Format(CultureInfo.InvariantCulture, "uploaded {0} ({1} bytes)", fileName, length));
                return uploaded;
            }
            catch (OperationCanceledException e) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(_sender.Redact(string.Format(CultureInfo.InvariantCulture,
                    "POST /{0}: the upload of '{1}' stalled: nothing moved for {2:0.###} s after {3} of {4} bytes (UploadIdleTimeout).",
                    UploadPath, fileName, idleTimeout.TotalSeconds, sent, length)), e);
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && !(e is OperationCanceledException))
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        /// <summary>
        /// <c>POST /v2/pre-recorded</c>: creates a job for <see cref="PreRecordedOptions.AudioUrl"/>. The options are
        /// validated first. Retried only when the server certainly created nothing (408, 429 as <c>Retry-After</c> says, 503).
        /// </summary>
        /// <exception cref="GladiaValidationException">An option is out of range, or there is no audio URL.</exception>
        /// <exception cref="GladiaApiException">The server refused (401, 422, 429 beyond the retries, …) or its answer is unusable.</exception>
        public Task<PreRecordedJobCreated> CreatePreRecordedJobAsync(PreRecordedOptions options, CancellationToken cancellationToken = default) =>
            CreatePreRecordedJobAsync(options, null, cancellationToken);

        /// <summary>
        /// <c>POST /v2/pre-recorded</c> as <see cref="CreatePreRecordedJobAsync(PreRecordedOptions, CancellationToken)"/>;
        /// <paramref name="retrying"/> hears each attempt that is repeated (a 429 "too many jobs" and its <c>Retry-After</c>),
        /// before the wait.
        /// </summary>
        public async Task<PreRecordedJobCreated> CreatePreRecordedJobAsync(PreRecordedOptions options, IProgress<GladiaRetryNotice>? retrying,
            CancellationToken cancellationToken = default)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate();
            if (options.AudioUrl is null)
            {
                throw new GladiaValidationException("audio_url", "audio_url: is required; upload the file first or give a public URL.");
            }

            var spec = new RequestSpec(HttpMethod.Post, BuildUrl(PreRecordedPath), _settings.Http.InitTimeout, RetryMode.CreateOnlyIfNotCreated)
            {
                JsonBody = Encoding.UTF8.GetBytes(options.ToJson()),
                Retrying = retrying,
            };

            using var response = await _sender.SendAsync(spec, cancellationToken).ConfigureAwait(false);
            var text = await ReadBodyAsync(response, spec, cancellationToken).ConfigureAwait(false);
            using var document = Models.TolerantJson.TryParseDocument(text);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Unusable(response, spec, "the answer is not JSON");
            }

            var id = Models.TolerantJson.GetScalarText(document.RootElement, "id");
            if (!GladiaId.IsValid(id?.Trim()))
            {
                throw Unusable(response, spec, "the answer has no usable job 'id'");
            }

            var resultUrlText = Models.TolerantJson.GetString(document.RootElement, "result_url");
            Uri.TryCreate(resultUrlText ?? string.Empty, UriKind.Absolute, out var resultUrl);
            var created = new PreRecordedJobCreated(id!.Trim(), resultUrl);
            _sender.Log("created pre-recorded job " + created.Id);
            return created;
        }

        /// <summary><c>GET /v2/pre-recorded/{id}</c>: the job's status and, when done, its result.</summary>
        /// <exception cref="ArgumentException">The id is missing or not an id.</exception>
        /// <exception cref="GladiaApiException">The server refused (401, 404, …) or sent something other than a job.</exception>
        public async Task<PreRecordedJob> GetPreRecordedJobAsync(string id, CancellationToken cancellationToken = default)
        {
            var spec = new RequestSpec(HttpMethod.Get, BuildUrl(PreRecordedPath + "/" + EscapeId(id)), _settings.Http.GetTimeout, RetryMode.Idempotent);
            using var response = await _sender.SendAsync(spec, cancellationToken).ConfigureAwait(false);
            var text = await ReadBodyAsync(response, spec, cancellationToken).ConfigureAwait(false);
            using var document = Models.TolerantJson.TryParseDocument(text);
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Unusable(response, spec, "the answer is not a job object");
            }

            PreRecordedJob job;
            try
            {
                job = PreRecordedJob.FromJson(document.RootElement);
            }
            catch (FormatException e)
            {
                throw Unusable(response, spec, "the answer is not a usable job: " + e.Message);
            }

            return TheJobAskedFor(job, id, response, spec);
        }

        /// <summary>
        /// Polls <c>GET /v2/pre-recorded/{id}</c> until the job is done or in error, pausing as
        /// <paramref name="wait"/> says; <paramref name="onPoll"/> hears every answer. A job in error is returned
        /// (its <see cref="PreRecordedJob.ErrorCode"/> says why), not thrown.
        /// </summary>
        /// <exception cref="TimeoutException">The job did not finish within <see cref="PreRecordedWaitOptions.Timeout"/>.</exception>
        public async Task<PreRecordedJob> WaitForPreRecordedJobAsync(string id, PreRecordedWaitOptions? wait = null, Action<PreRecordedJob>? onPoll = null,
            CancellationToken cancellationToken = default)
        {
            EscapeId(id);
            wait ??= new PreRecordedWaitOptions();
            wait.Validate();
            var time = _settings.TimeProvider;
            var started = time.GetTimestamp();
            var interval = wait.InitialInterval;
            while (true)
            {
                var job = await GetPreRecordedJobAsync(id, cancellationToken).ConfigureAwait(false);
                onPoll?.Invoke(job);
                if (job.IsFinished)
                {
                    return job;
                }

                var pause = interval;
                if (wait.Timeout is TimeSpan limit)
                {
                    var left = limit - time.GetElapsedTime(started);
                    if (left <= TimeSpan.Zero)
                    {
                        throw new TimeoutException(string.Format(CultureInfo.InvariantCulture,
                            "job {0} is still '{1}' after {2:0.###} s; it goes on on the server (Get-GladiaTranscription -Id {0} -Wait collects it).",
                            job.Id, job.Status, limit.TotalSeconds));
                    }

                    pause = pause < left ? pause : left;
                }

                using (var timer = time.CreateCancellationTokenSource(pause))
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The pause is over.
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
                interval = wait.Next(interval);
            }
        }

        /// <summary><c>GET /v2/pre-recorded</c>: every job matching the filter, page after page (as <see cref="ListLiveJobsAsync"/>).</summary>
        /// <exception cref="GladiaValidationException">A filter is out of range.</exception>
        /// <exception cref="GladiaApiException">A page was refused or is not a page.</exception>
        public IAsyncEnumerable<PreRecordedJob> ListPreRecordedJobsAsync(LiveJobFilter? filter = null, CancellationToken cancellationToken = default) =>
            ListJobsAsync(PreRecordedPath, filter, PreRecordedJob.FromJson, cancellationToken);

        /// <summary><c>DELETE /v2/pre-recorded/{id}</c>: true when the server accepted the deletion (202), false for another 2xx.</summary>
        /// <remarks>As for live jobs, a 404 on a retry counts as accepted (an earlier attempt deleted the job).</remarks>
        public async Task<bool> DeletePreRecordedJobAsync(string id, CancellationToken cancellationToken = default)
        {
            var spec = new RequestSpec(HttpMethod.Delete, BuildUrl(PreRecordedPath + "/" + EscapeId(id)), _settings.Http.DeleteTimeout, RetryMode.Idempotent);
            try
            {
                using var response = await _sender.SendAsync(spec, cancellationToken).ConfigureAwait(false);
                return (int)response.StatusCode == 202;
            }
            catch (GladiaApiException notFound) when (notFound.StatusCode == 404 && notFound.Attempts > 1)
            {
                _sender.Log("DELETE " + spec.DisplayPath + ": 404 after a retry; an earlier attempt deleted it");
                return true;
            }
        }

        /// <summary>
        /// <c>GET /v2/pre-recorded/{id}/file</c> streamed into <paramref name="destination"/>, bounded in time as the live
        /// download is, and in size by <paramref name="maxBytes"/> (<see cref="PreRecordedAudioBound.For"/> reads it from the
        /// job) and never more than <see cref="Configuration.GladiaHttpOptions.MaxPreRecordedDownloadBytes"/>.
        /// </summary>
        /// <exception cref="InvalidDataException">The body declares or sends more than the limit; the error names it.</exception>
        public Task<long> DownloadPreRecordedAudioAsync(string id, Stream destination, long? maxBytes, CancellationToken cancellationToken = default)
        {
            var checkedId = EscapeId(id);
            return DownloadAudioAsync(PreRecordedPath + "/" + checkedId + "/file", "job " + checkedId, destination,
                LimitOf(maxBytes, "what the job's audio duration can be in any format, with a margin", _settings.Http.MaxPreRecordedDownloadBytes, "MaxPreRecordedDownloadBytes"),
                cancellationToken);
        }

        /// <inheritdoc cref="DownloadPreRecordedAudioAsync(string, Stream, long?, CancellationToken)"/>
        public Task<long> DownloadPreRecordedAudioAsync(string id, Stream destination, CancellationToken cancellationToken = default) =>
            DownloadPreRecordedAudioAsync(id, destination, maxBytes: null, cancellationToken);

        /// <summary>
        /// The job's audio into <paramref name="path"/> through a temporary file in the same folder that is moved
        /// into place only when complete (removed on failure or cancellation); bounded as <see cref="DownloadPreRecordedAudioAsync(string, Stream, long?, CancellationToken)"/>.
        /// </summary>
        public Task<long> DownloadPreRecordedAudioToFileAsync(string id, string path, bool overwrite, long? maxBytes, CancellationToken cancellationToken = default)
        {
            var checkedId = EscapeId(id);
            return DownloadToFileAsync(path, overwrite, destination => DownloadPreRecordedAudioAsync(checkedId, destination, maxBytes, cancellationToken), cancellationToken);
        }

        /// <inheritdoc cref="DownloadPreRecordedAudioToFileAsync(string, string, bool, long?, CancellationToken)"/>
        public Task<long> DownloadPreRecordedAudioToFileAsync(string id, string path, bool overwrite = true, CancellationToken cancellationToken = default) =>
            DownloadPreRecordedAudioToFileAsync(id, path, overwrite, maxBytes: null, cancellationToken);

        private static string MediaTypeOf(string fileName)
        {
            switch (Path.GetExtension(fileName).ToLowerInvariant())
            {
                case ".wav": return "audio/wav";
                case ".mp3": return "audio/mpeg";
                case ".flac": return "audio/flac";
                case ".ogg": case ".oga": case ".opus": return "audio/ogg";
                case ".m4a": case ".aac": return "audio/mp4";
                case ".webm": return "audio/webm";
                case ".mp4": case ".m4v": return "video/mp4";
                case ".mov": return "video/quicktime";
                default: return "application/octet-stream";
            }
        }
    }
}
