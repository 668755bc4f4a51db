using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Audio.Ffmpeg;
using GladiaPS.Core.Capture;

namespace GladiaPS.Core.Audio.Inputs
{
    /// <summary>
    /// One input to transcribe, whatever its form (a file, files as channels, a stream, bytes, a device): a name for
    /// errors and progress, its kind, and a way to open it as an <see cref="IAudioSource"/>. Opening is deferred, so
    /// an input can be described long before it is read, and a live input (a device) starts only when something reads it.
    /// </summary>
    /// <remarks>
    /// Immutable. Every command that transcribes takes its audio as an <see cref="AudioInput"/>, so each input form is
    /// written once and every destination (a live session, a pre-recorded upload) reads them all.
    /// </remarks>
    public sealed class AudioInput
    {
        private readonly Func<SessionAudioFormat?, CancellationToken, Task<IAudioSource>> _open;

        /// <summary>An input of any form.</summary>
        /// <param name="name">How errors and progress name it (a path, "Stream", "device Microphone").</param>
        /// <param name="kind">Where its audio comes from.</param>
        /// <param name="open">Opens it; gets the format the audio is wanted in when that is already known (see <see cref="OpenAsync"/>).</param>
        /// <param name="paths">The files it reads, when it reads files.</param>
        public AudioInput(string name, AudioInputKind kind, Func<SessionAudioFormat?, CancellationToken, Task<IAudioSource>> open, IReadOnlyList<string>? paths = null)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("An input needs a name.", nameof(name));
            }

            Name = name;
            Kind = kind;
            _open = open ?? throw new ArgumentNullException(nameof(open));
            Paths = paths ?? Array.Empty<string>();
        }

        /// <summary>How errors, warnings and progress name the input: the file's path, the files joined by " + ", "Stream", "device …".</summary>
        public string Name { get; }

        public AudioInputKind Kind { get; }

        /// <summary>The files the input reads, in channel order (one for <see cref="AudioInputKind.File"/>); empty for other kinds.</summary>
        public IReadOnlyList<string> Paths { get; }

        /// <summary>The file the input reads (the first, for tracks), or null when it reads no file.</summary>
        public string? Path => Paths.Count > 0 ? Paths[0] : null;

        /// <summary>
        /// True when the audio comes at real time and is lost unless read (a device): open it only once whatever takes
        /// the audio is ready, and tell it the format to deliver, since it has none of its own to choose from.
        /// </summary>
        public bool IsLive => Kind == AudioInputKind.Device;

        /// <summary>
        /// Opens the input. <paramref name="format"/> is the format the audio is wanted in, when already known: raw samples
        /// are taken to be in it, a device captures at its rate and channels, ffmpeg decodes to its rate and channels.
        /// Without it a file speaks for itself (its header, or ffprobe), and raw samples are taken to be in
        /// <see cref="SessionAudioFormat.Default"/>. The caller disposes the source.
        /// </summary>
        /// <exception cref="AudioFormatException">The audio cannot be read; names the input and the reason.</exception>
        /// <exception cref="AudioCaptureException">A device could not start; names it.</exception>
        public Task<IAudioSource> OpenAsync(SessionAudioFormat? format = null, CancellationToken cancellationToken = default) =>
            _open(format, cancellationToken);

        /// <summary>An audio file: WAV read directly, anything else decoded by ffmpeg.</summary>
        public static AudioInput FromFile(string path, AudioReadOptions? readOptions = null, FfmpegOptions? ffmpegOptions = null)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A file path is required.", nameof(path));
            }

            return new AudioInput(path, AudioInputKind.File,
                (format, token) => AudioFile.OpenAsync(path, format, readOptions, ffmpegOptions, token), new[] { path });
        }

        /// <summary>Files that become the channels of one stream, in the order given (at most 8).</summary>
        public static AudioInput FromTracks(IReadOnlyList<string> paths, AudioReadOptions? readOptions = null, FfmpegOptions? ffmpegOptions = null)
        {
            if (paths is null || paths.Count == 0)
            {
                throw new ArgumentException("At least one file is required.", nameof(paths));
            }

            var copy = new List<string>(paths).AsReadOnly();
            return new AudioInput(string.Join(" + ", copy), AudioInputKind.Tracks,
                async (_, token) => await AudioFile.OpenTracksAsync(copy, readOptions, ffmpegOptions, token).ConfigureAwait(false), copy);
        }

        /// <summary>
        /// A stream, seekable or not (a pipe, a process's output): a WAV file's bytes (read by its header), another container
        /// (decoded by ffmpeg), or raw samples in the format given to <see cref="OpenAsync"/>
        /// (<see cref="AudioFile.OpenStreamAsync"/>). The stream stays open; its owner closes it.
        /// </summary>
        public static AudioInput FromStream(Stream stream, string name = "Stream", AudioReadOptions? readOptions = null, FfmpegOptions? ffmpegOptions = null)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            return new AudioInput(name, AudioInputKind.Stream,
                (format, token) => AudioFile.OpenStreamAsync(stream, format ?? SessionAudioFormat.Default, name, readOptions, ffmpegOptions, token));
        }

        /// <summary>
        /// Bytes written to <paramref name="pipe"/> piece by piece, read as a stream is (<see cref="FromStream"/>): a WAV
        /// file's bytes by their header, another container by ffmpeg, anything else as raw samples in the format given to
        /// <see cref="OpenAsync"/>.
        /// </summary>
        public static AudioInput FromBytes(AudioBytePipe pipe, string name = "InputObject", AudioReadOptions? readOptions = null, FfmpegOptions? ffmpegOptions = null)
        {
            if (pipe is null)
            {
                throw new ArgumentNullException(nameof(pipe));
            }

            return new AudioInput(name, AudioInputKind.Bytes,
                (format, token) => AudioFile.OpenStreamAsync(pipe, format ?? SessionAudioFormat.Default, name, readOptions, ffmpegOptions, token));
        }

        /// <summary>A capture device through <paramref name="backend"/>; it captures at the rate and channels given to <see cref="OpenAsync"/>.</summary>
        public static AudioInput FromDevice(IAudioCaptureBackend backend, AudioDevice device)
        {
            if (backend is null)
            {
                throw new ArgumentNullException(nameof(backend));
            }

            if (device is null)
            {
                throw new ArgumentNullException(nameof(device));
            }

            return new AudioInput("device " + device.Name, AudioInputKind.Device, (format, _) =>
            {
                var layout = format ?? SessionAudioFormat.Default;
                return Task.FromResult(backend.Open(device, layout.SampleRate, layout.Channels));
            });
        }

        public override string ToString() => Kind + " " + Name;
    }
}
