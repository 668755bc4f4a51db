using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Core.Models;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// One input of Invoke-GladiaTranscription, in the background: upload (or a URL as it is), create the job (a 429
    /// waits as Retry-After says, as often as it comes), then wait and post the utterances, the result, or with -NoWait
    /// the job. Everything it has to say is posted to the cmdlet; a failure is one non-terminating error naming the input.
    /// </summary>
    internal sealed class TranscriptionRun
    {
        private static readonly TimeSpan DefaultTooManyJobsWait = TimeSpan.FromSeconds(5);

        private readonly GladiaCmdletBase _cmdlet;
        private readonly GladiaRestClient _client;
        private readonly TranscriptionSettings _settings;
        private readonly AudioInput? _input;
        private readonly Uri? _url;
        private readonly int _activityId;
        private readonly BatchFailure _batch;
        private readonly JobsLeftRunning _jobs;

        public TranscriptionRun(GladiaCmdletBase cmdlet, GladiaRestClient client, TranscriptionSettings settings, AudioInput? input, Uri? url, int activityId,
            BatchFailure batch, JobsLeftRunning jobs)
        {
            _batch = batch;
            _jobs = jobs;
            _cmdlet = cmdlet;
            _client = client;
            _settings = settings;
            _input = input;
            _url = url;
            _activityId = activityId;
        }

        private string Name => _input?.Name ?? Core.Security.SecretRedactor.RedactUrl(_url!);

        public async Task RunAsync(CancellationToken token)
        {
            string? jobId = null;
            var stopped = false;
            try
            {
                var audioUrl = _url ?? await UploadAsync(token).ConfigureAwait(false);
                var options = _settings.Options.Clone();
                options.AudioUrl = audioUrl;
                _jobs.Creating(this, Name);
                var created = await CreateAsync(options, token).ConfigureAwait(false);
                jobId = created.Id;
                _jobs.Created(this, jobId);
                JobPaths.Add(jobId, _input?.Path);
                _cmdlet.PostVerbose(Name + ": job " + jobId + " created.");
                if (_settings.NoWait)
                {
                    var job = await _client.GetPreRecordedJobAsync(jobId, token).ConfigureAwait(false);
                    _cmdlet.PostObject(new GladiaTranscription(job, _input?.Path));
                    return;
                }

                var done = await _client.WaitForPreRecordedJobAsync(jobId, _settings.Wait, ReportStatus, token).ConfigureAwait(false);
                Write(done);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopped: the job, if there is one, stays in _jobs for the pipeline thread to name (nothing drains what is posted now).
                stopped = true;
            }
            catch (Exception exception) when (!_batch.TryFail(exception, (object?)_input?.Path ?? _url, sameRequest: _url is null))
            {
                _cmdlet.PostError(GladiaErrors.From(exception, (object?)_input?.Path ?? _url, "'" + Name + "'" + (jobId is null ? string.Empty : " (job " + jobId + ")")));
            }
            finally
            {
                if (!stopped)
                {
                    _jobs.Finished(this);
                }

                _cmdlet.PostProgress(new System.Management.Automation.ProgressRecord(_activityId, "Transcribing " + Name, "Done")
                {
                    RecordType = System.Management.Automation.ProgressRecordType.Completed,
                });
            }
        }

        private void Write(PreRecordedJob job)
        {
            if (job.IsError)
            {
                _cmdlet.PostError(GladiaErrors.Create(
                    string.Format(CultureInfo.InvariantCulture, "'{0}': job {1} ended in error (error_code {2}).", Name, job.Id,
                        job.ErrorCode?.ToString(CultureInfo.InvariantCulture) ?? "none given"),
                    "TranscriptionFailed", System.Management.Automation.ErrorCategory.InvalidResult, (object?)_input?.Path ?? _url));
                return;
            }

            if (_settings.PassThru)
            {
                _cmdlet.PostObject(new GladiaTranscription(job, _input?.Path));
                return;
            }

            foreach (var utterance in job.Result?.Utterances ?? Array.Empty<Utterance>())
            {
                _cmdlet.PostObject(new GladiaTranscript(utterance, job.Id, _input?.Path));
            }
        }

        private async Task<Uri> UploadAsync(CancellationToken token)
        {
            var path = _input!.Path ?? throw new InvalidOperationException(Name + ": only files can be uploaded for a pre-recorded job.");
            var length = new System.IO.FileInfo(path).Length;
            var lastPercent = -1;
            var progress = new Progress<long>(sent =>
            {
                var percent = length == 0 ? 100 : (int)Math.Min(100, sent * 100 / length);
                if (percent == Interlocked.Exchange(ref lastPercent, percent))
                {
                    return;
                }

                _cmdlet.PostProgress(new System.Management.Automation.ProgressRecord(_activityId, "Transcribing " + Name,
                    string.Format(CultureInfo.InvariantCulture, "Uploading: {0:N0} of {1:N0} bytes", sent, length))
                {
                    PercentComplete = percent,
                });
            });
            var uploaded = await _client.UploadAudioAsync(path, progress, token).ConfigureAwait(false);
            _cmdlet.PostVerbose(string.Format(CultureInfo.InvariantCulture, "{0}: uploaded {1:N0} bytes ({2:0.##} s of audio).", Name, length, uploaded.AudioDuration ?? 0));
            return uploaded.AudioUrl;
        }

        /// <summary>
        /// Creates the job; "too many jobs" (429) waits and asks again for as long as it takes, so it never fails a batch.
        /// Every wait is said on the verbose stream, the HTTP layer's own retries as much as the waits after them.
        /// </summary>
        private async Task<PreRecordedJobCreated> CreateAsync(PreRecordedOptions options, CancellationToken token)
        {
            var retrying = new Progress<GladiaRetryNotice>(notice => SayWaiting(notice.StatusCode, notice.Failure, notice.Delay));
            while (true)
            {
                try
                {
                    return await _client.CreatePreRecordedJobAsync(options, retrying, token).ConfigureAwait(false);
                }
                catch (GladiaApiException tooMany) when (tooMany.StatusCode == 429)
                {
                    var wait = tooMany.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : DefaultTooManyJobsWait;
                    SayWaiting(429, null, wait);
                    await Task.Delay(wait, token).ConfigureAwait(false);
                }
            }
        }

        private void SayWaiting(int? status, string? failure, TimeSpan wait)
        {
            _cmdlet.PostVerbose(status == 429
                ? string.Format(CultureInfo.InvariantCulture, "{0}: the account has too many jobs (429); asking again in {1:0.#} s.", Name, wait.TotalSeconds)
                : string.Format(CultureInfo.InvariantCulture, "{0}: creating the job failed ({1}); trying again in {2:0.#} s.", Name,
                    status is { } code ? "status " + code.ToString(CultureInfo.InvariantCulture) : failure, wait.TotalSeconds));
            _cmdlet.PostProgress(new System.Management.Automation.ProgressRecord(_activityId, "Transcribing " + Name,
                status == 429 ? "Waiting for a free job slot (429)" : "Waiting to ask again"));
        }

        private void ReportStatus(PreRecordedJob job) =>
            _cmdlet.PostProgress(new System.Management.Automation.ProgressRecord(_activityId, "Transcribing " + Name, "Job " + job.Id + ": " + job.Status));

        // Reports on the reporting thread, unlike System.Progress, which would post to a thread-pool item in any order.
        private sealed class Progress<T> : IProgress<T>
        {
            private readonly Action<T> _report;

            public Progress(Action<T> report) => _report = report;

            public void Report(T value) => _report(value);
        }
    }
}
