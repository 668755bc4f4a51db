using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Emulator.PreRecorded
{
    /// <summary>The uploads and pre-recorded jobs of one emulator; the uploads' files are removed when it stops.</summary>
    internal sealed class PreRecordedStore : IDisposable
    {
        private const long MaxFetchedBytes = 256L * 1024 * 1024;

        private readonly ConcurrentDictionary<string, UploadedAudio> _uploads = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, EmulatedJob> _jobs = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _files = new();
        private readonly string _directory;
        private readonly HttpClient _fetch = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

        public PreRecordedStore(string tempDirectory)
        {
            _directory = Path.Combine(tempDirectory, "gladiaps-emulator-uploads-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        }

        public IReadOnlyCollection<EmulatedJob> Jobs => _jobs.Values.ToArray();

        public string NewUploadPath()
        {
            Directory.CreateDirectory(_directory);
            var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
            _files.Enqueue(path);
            return path;
        }

        public void AddUpload(UploadedAudio upload)
        {
            _uploads[upload.Id] = upload;
            _files.Enqueue(upload.WavPath);
        }

        public UploadedAudio? FindUpload(string id) => _uploads.TryGetValue(id, out var upload) ? upload : null;

        public void AddJob(EmulatedJob job) => _jobs[job.Id] = job;

        public EmulatedJob? FindJob(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

        public bool RemoveJob(string id) => _jobs.TryRemove(id, out _);

        /// <summary>
        /// The audio behind a job's <c>audio_url</c>: an upload of this emulator (<c>{base}/file/{id}</c>), or a file
        /// fetched from a loopback http(s) URL (nothing else is reachable here). Null with an error code when neither works.
        /// </summary>
        public async Task<(UploadedAudio? Audio, int? ErrorCode)> ResolveAsync(Uri audioUrl, Uri baseUrl, CancellationToken cancellationToken)
        {
            var segments = audioUrl.AbsolutePath.Trim('/').Split('/');
            if (audioUrl.Authority == baseUrl.Authority && segments.Length == 2 && segments[0] == "file")
            {
                return FindUpload(segments[1]) is { } upload ? (upload, null) : (null, 404);
            }

            if (!audioUrl.IsLoopback)
            {
                return (null, 400);
            }

            var path = NewUploadPath();
            try
            {
                using var response = await _fetch.GetAsync(audioUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return (null, 400);
                }

                await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
                await using (var file = File.Create(path))
                {
                    var buffer = new byte[81920];
                    long total = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        total += read;
                        if (total > MaxFetchedBytes)
                        {
                            return (null, 413);
                        }

                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }

                var probed = await AudioDecoding.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
                if (probed is not { } audio)
                {
                    return (null, 422);
                }

                var name = Path.GetFileName(audioUrl.AbsolutePath);
                var fetched = new UploadedAudio(Guid.NewGuid().ToString(), path, audio.WavPath, name, Path.GetExtension(name).TrimStart('.'),
                    new FileInfo(path).Length, audio.Duration, audio.Channels);
                AddUpload(fetched);
                return (fetched, null);
            }
            catch (HttpRequestException)
            {
                return (null, 400);
            }
        }

        public void Dispose()
        {
            _fetch.Dispose();
            while (_files.TryDequeue(out var path))
            {
                AudioDecoding.TryDelete(path);
            }

            try
            {
                if (Directory.Exists(_directory))
                {
                    Directory.Delete(_directory, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
