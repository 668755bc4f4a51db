using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Http;

namespace GladiaPS.Core.Rest
{
    public sealed partial class GladiaRestClient
    {
        private const int CopyBufferSize = 81920;

        /// <summary>
        /// <c>GET /v2/live/{id}/file</c>: copies the session's recorded audio into <paramref name="destination"/>
        /// as it arrives, never holding the whole file in memory. Redirects (to signed storage) are
        /// followed without the key. Retries cover the time until the response headers; a failure while
        /// the body streams is reported, since part of it is already in <paramref name="destination"/>.
        /// A body that delivers nothing for <see cref="Configuration.GladiaHttpOptions.DownloadIdleTimeout"/>
        /// fails with a <see cref="TimeoutException"/>; a failure to write <paramref name="destination"/> is an
        /// <see cref="IOException"/> that says so (not that the download broke off).
        /// </summary>
        /// <returns>The number of bytes written.</returns>
        /// <exception cref="GladiaApiException">The server refused (401, 404, …) or redirected too often.</exception>
        public Task<long> DownloadLiveAudioAsync(string id, Stream destination, CancellationToken cancellationToken = default) =>
            DownloadLiveAudioAsync(id, destination, maxBytes: null, cancellationToken);

        /// <inheritdoc cref="DownloadLiveAudioAsync(string, Stream, CancellationToken)"/>
        /// <param name="maxBytes">
        /// The most the audio can be (<see cref="LiveAudioBound.For"/> reads it from the job); never more than
        /// <see cref="Configuration.GladiaHttpOptions.MaxDownloadBytes"/>. A body that declares or sends more fails with an
        /// <see cref="InvalidDataException"/> naming the limit, instead of filling the disk.
        /// </param>
        public Task<long> DownloadLiveAudioAsync(string id, Stream destination, long? maxBytes, CancellationToken cancellationToken = default) =>
            DownloadAudioAsync(LivePath + "/" + EscapeId(id) + "/file", "session " + id, destination,
                LimitOf(maxBytes, "what the session's duration at its format can be, with a margin", _settings.Http.MaxDownloadBytes, "MaxDownloadBytes"), cancellationToken);

        /// <summary>The smaller of the job's own bound (when known) and the documented cap, with the name each goes by in an error.</summary>
        private DownloadLimit LimitOf(long? bound, string boundName, long cap, string capName)
        {
            cap = Math.Min(cap, _settings.Http.MaxDownloadBytes);
            if (cap == _settings.Http.MaxDownloadBytes)
            {
                capName = "MaxDownloadBytes";
            }

            return bound is long bytes && bytes < cap ? new DownloadLimit(bytes, boundName) : new DownloadLimit(cap, capName);
        }

        /// <summary>Streams the audio at <paramref name="relativePath"/> into <paramref name="destination"/>; <paramref name="owner"/> names it in errors.</summary>
        private async Task<long> DownloadAudioAsync(string relativePath, string owner, Stream destination, DownloadLimit limit, CancellationToken cancellationToken)
        {
            if (destination is null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            if (!destination.CanWrite)
            {
                throw new ArgumentException("destination: the stream is not writable.", nameof(destination));
            }

            var spec = new RequestSpec(HttpMethod.Get, BuildUrl(relativePath), _settings.Http.DownloadTimeout, RetryMode.Idempotent);
            using var response = await _sender.SendAsync(spec, cancellationToken).ConfigureAwait(false);
            if (response.Content is null)
            {
                return 0;
            }

            if (response.Content.Headers.ContentLength is long declared && declared > limit.Bytes)
            {
                throw TooMuchAudio(spec, owner, limit, declared);
            }

            // Disposing the response unblocks a read on runtimes whose streams ignore the token.
            using var registration = cancellationToken.Register(response.Dispose);
            using var idle = new CancellationTokenSource();
            using var idleRegistration = idle.Token.Register(response.Dispose);
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            var idleTimeout = _settings.Http.DownloadIdleTimeout;
            long total = 0;
            try
            {
                using var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                var buffer = new byte[CopyBufferSize];
                while (true)
                {
                    idle.CancelAfter(idleTimeout);
                    var read = await source.ReadAsync(buffer, 0, buffer.Length, reading.Token).ConfigureAwait(false);
                    idle.CancelAfter(Timeout.InfiniteTimeSpan);
                    if (read == 0)
                    {
                        break;
                    }

                    if (total + read > limit.Bytes)
                    {
                        throw TooMuchAudio(spec, owner, limit, null);
                    }

                    try
                    {
                        await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException))
                    {
                        // The disk (or the caller's stream) failed, not the download: say so.
                        throw new DestinationWriteException(
                            _sender.Redact($"GET {spec.DisplayPath}: writing the audio of {owner} failed after {total} bytes: {e.Message}"), e);
                    }

                    total += read;
                }

                var expected = response.Content.Headers.ContentLength;
                if (expected is long length && length != total)
                {
                    throw new EndOfStreamException($"the audio ended after {total} of {length} bytes.");
                }

                _sender.Log($"GET {spec.DisplayPath}: {total} bytes");
                return total;
            }
            catch (DestinationWriteException e)
            {
                throw new IOException(e.Message, e.InnerException);
            }
            catch (InvalidDataException)
            {
                throw;
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && !(e is OperationCanceledException))
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception e) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(_sender.Redact(string.Format(
                    CultureInfo.InvariantCulture,
                    "GET {0}: the download of {1}'s audio stalled: no data for {2:0.###} s after {3} bytes (DownloadIdleTimeout).",
                    spec.DisplayPath,
                    owner,
                    idleTimeout.TotalSeconds,
                    total)), e);
            }
            catch (Exception e) when ((e is IOException || e is HttpRequestException) && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException(_sender.Redact($"GET {spec.DisplayPath}: the download broke off after {total} bytes: {e.Message}"), e);
            }
        }

        private InvalidDataException TooMuchAudio(RequestSpec spec, string owner, DownloadLimit limit, long? declared) =>
            new InvalidDataException(_sender.Redact(string.Format(
                CultureInfo.InvariantCulture,
                "GET {0}: the audio of {1} {2} the limit of {3} bytes ({4}); the download was stopped and nothing was kept.",
                spec.DisplayPath,
                owner,
                declared is long length ? "declares " + length.ToString(CultureInfo.InvariantCulture) + " bytes, more than" : "went past",
                limit.Bytes,
                limit.Name)));

        /// <summary>The most one download may write, and what the limit is called in the error that stops it.</summary>
        private readonly struct DownloadLimit
        {
            public DownloadLimit(long bytes, string name)
            {
                Bytes = bytes;
                Name = name;
            }

            public long Bytes { get; }

            public string Name { get; }
        }

        /// <summary>Marks a failure to write the destination, so it is not reported as the download breaking off.</summary>
        private sealed class DestinationWriteException : Exception
        {
            public DestinationWriteException(string message, Exception inner)
                : base(message, inner)
            {
            }
        }

        /// <summary>
        /// Downloads the session's audio to <paramref name="path"/>, replacing an existing file. The bytes
        /// go to a temporary file in the same folder that is moved into place only when complete, so a
        /// failed or cancelled download leaves neither a partial file nor a damaged original.
        /// </summary>
        public Task<long> DownloadLiveAudioToFileAsync(string id, string path, CancellationToken cancellationToken = default) =>
            DownloadLiveAudioToFileAsync(id, path, overwrite: true, cancellationToken);

        /// <inheritdoc cref="DownloadLiveAudioToFileAsync(string, string, CancellationToken)"/>
        /// <param name="overwrite">False refuses to replace an existing file (checked before and after the download).</param>
        public Task<long> DownloadLiveAudioToFileAsync(string id, string path, bool overwrite, CancellationToken cancellationToken = default) =>
            DownloadLiveAudioToFileAsync(id, path, overwrite, maxBytes: null, cancellationToken);

        /// <inheritdoc cref="DownloadLiveAudioToFileAsync(string, string, bool, CancellationToken)"/>
        /// <param name="maxBytes">The most the audio can be (see <see cref="DownloadLiveAudioAsync(string, Stream, long?, CancellationToken)"/>).</param>
        public Task<long> DownloadLiveAudioToFileAsync(string id, string path, bool overwrite, long? maxBytes, CancellationToken cancellationToken = default) =>
            DownloadToFileAsync(path, overwrite, destination => DownloadLiveAudioAsync(id, destination, maxBytes, cancellationToken), cancellationToken);

        /// <summary>Writes what <paramref name="download"/> streams into a temporary file beside <paramref name="path"/>, then moves it into place.</summary>
        private async Task<long> DownloadToFileAsync(string path, bool overwrite, Func<Stream, Task<long>> download, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("path: a file path is required.", nameof(path));
            }

            var fullPath = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(fullPath);
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"path: the folder '{directory}' does not exist.");
            }

            if (Directory.Exists(fullPath))
            {
                throw new IOException($"path: '{fullPath}' is a folder; give a file name.");
            }

            if (!overwrite && File.Exists(fullPath))
            {
                throw new IOException($"path: '{fullPath}' already exists.");
            }

            PartialFiles.DeleteStale(directory, _settings.Http.DownloadIdleTimeout);
            var temporary = PartialFiles.Create(fullPath);
            try
            {
                long written;
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
                {
                    written = await download(file).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                MoveIntoPlace(temporary, fullPath, overwrite);
                return written;
            }
            finally
            {
                PartialFiles.Delete(temporary);
            }
        }

        private static void MoveIntoPlace(string temporary, string destination, bool overwrite)
        {
            if (File.Exists(destination))
            {
                if (!overwrite)
                {
                    throw new IOException($"path: '{destination}' appeared during the download; it was left as it is.");
                }

                File.Replace(temporary, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
                return;
            }

            File.Move(temporary, destination);
        }
    }
}
