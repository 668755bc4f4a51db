using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.PreRecorded
{
    /// <summary>What the emulator can read: WAV files directly; anything else through ffmpeg (to 16-bit PCM WAV).</summary>
    internal static class AudioDecoding
    {
        /// <summary>The WAV file to recognise, its duration and channels; null when the file is not audio the emulator can decode.</summary>
        public static async Task<(string WavPath, double Duration, int Channels)?> ProbeAsync(string path, CancellationToken cancellationToken)
        {
            if (ReadWavHeader(path) is { } wav)
            {
                return (path, wav.Duration, wav.Channels);
            }

            var converted = path + ".decoded.wav";
            if (!await ConvertAsync(path, converted, cancellationToken).ConfigureAwait(false))
            {
                TryDelete(converted);
                return null;
            }

            return ReadWavHeader(converted) is { } decoded ? (converted, decoded.Duration, decoded.Channels) : null;
        }

        private static (double Duration, int Channels)? ReadWavHeader(string path)
        {
            var start = new byte[Math.Min(64 * 1024, new FileInfo(path).Length)];
            using (var file = File.OpenRead(path))
            {
                file.ReadExactly(start);
            }

            if (!ToneWavHeader.TryParse(start, out var headerLength, out var format) || format is null)
            {
                return null;
            }

            var frame = Math.Max(1, format.BitDepth / 8 * format.Channels);
            var dataBytes = Math.Max(0, new FileInfo(path).Length - headerLength);
            return (dataBytes / (double)frame / format.SampleRate, format.Channels);
        }

        private static async Task<bool> ConvertAsync(string input, string output, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo("ffmpeg")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-v", "error", "-nostdin", "-y", "-i", input, "-f", "wav", "-acodec", "pcm_s16le", output })
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                using var process = Process.Start(start)!;
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(TimeSpan.FromSeconds(120));
                var errors = process.StandardError.ReadToEndAsync(limit.Token);
                var outputs = process.StandardOutput.ReadToEndAsync(limit.Token);
                try
                {
                    await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                    await Task.WhenAll(errors, outputs).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    return false;
                }

                return process.ExitCode == 0 && File.Exists(output);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No ffmpeg on this machine: only WAV files are understood.
                return false;
            }
        }

        internal static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
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
