using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio.Dsp;
using GladiaPS.Core.Audio.Ffmpeg;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// Opens an audio file by what it holds, not its extension: WAV (RIFF/RF64/BW64 with a codec the WAV reader
    /// decodes) is read directly; anything else (MP3, M4A, FLAC, Ogg, video, compressed WAV) is decoded by ffmpeg
    /// to the requested layout. Only the first bytes are looked at to decide.
    /// </summary>
    public static class AudioFile
    {
        /// <summary>Opens <paramref name="path"/>.</summary>
        /// <param name="path">The file.</param>
        /// <param name="ffmpegLayout">The rate and channels ffmpeg decodes to when it is needed (the session format,
        /// when known); when null, ffprobe reads the file's format and <see cref="SessionFormatChooser"/> picks the
        /// closest session layout. WAV files keep their own format.</param>
        /// <param name="readOptions">Warnings callback and block size.</param>
        /// <param name="ffmpegOptions">Where ffmpeg is, and its sample format.</param>
        /// <param name="cancellationToken">Cancels reading the header.</param>
        public static async Task<IAudioSource> OpenAsync(string path, SessionAudioFormat? ffmpegLayout = null,
            AudioReadOptions? readOptions = null, FfmpegOptions? ffmpegOptions = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(path))
            {
                throw new ArgumentException("A file path is required.", nameof(path));
            }

            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            try
            {
                var (start, read) = await ReadStartAsync(stream, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new AudioFormatException(path, AudioFormatError.NotWav, "the file is empty: it holds no audio.");
                }

                if (WavAudioSource.LooksLikeWav(start.AsSpan(0, read)))
                {
                    try
                    {
                        return await WavAudioSource.OpenAsync(stream, path, leaveOpen: false, readOptions, cancellationToken).ConfigureAwait(false);
                    }
                    catch (AudioFormatException ex) when (ex.Reason == AudioFormatError.UnsupportedCodec &&
                                                          FfmpegLocator.TryFind(ffmpegOptions?.FfmpegPath) is not null)
                    {
                        // A compressed WAV (ADPCM, GSM, MP3-in-WAV…): ffmpeg decodes those.
                        stream.Dispose();
                        return await StartFfmpegAsync(path, ffmpegLayout, ffmpegOptions, cancellationToken).ConfigureAwait(false);
                    }
                }

                stream.Dispose();
                RefuseWhatIsNotMedia(path, start.AsSpan(0, read), ffmpegOptions);
                return await StartFfmpegAsync(path, ffmpegLayout, ffmpegOptions, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Opens several files as the channels of one stream (one participant per file): each file is opened as by
        /// <see cref="OpenAsync"/> (files ffmpeg decodes come down to mono at their own closest session rate), and
        /// all become one source at the rate <see cref="SessionFormatChooser.ChooseForTracks"/> picks for them.
        /// <see cref="Transcribing.LiveTranscriber.ClosestFormat"/> gives its session format (one channel per file).
        /// </summary>
        public static async Task<IAudioSource> OpenTracksAsync(IReadOnlyList<string> paths, AudioReadOptions? readOptions = null,
            FfmpegOptions? ffmpegOptions = null, CancellationToken cancellationToken = default)
        {
            if (paths is null || paths.Count == 0)
            {
                throw new ArgumentException("At least one file is required.", nameof(paths));
            }

            if (paths.Count > SessionAudioFormat.MaxChannels)
            {
                throw new AudioFormatException(null, AudioFormatError.TooManyChannels,
                    $"{paths.Count} files were given; a session takes at most 8 channels, one per file.");
            }

            var sources = new List<IAudioSource>();
            try
            {
                foreach (var path in paths)
                {
                    var (layout, fileChannels) = await MonoLayoutAsync(path, ffmpegOptions, cancellationToken).ConfigureAwait(false);
                    var source = await OpenAsync(path, layout, readOptions, ffmpegOptions, cancellationToken).ConfigureAwait(false);
                    sources.Add(source);
                    var channels = fileChannels ?? source.Format.Channels;
                    if (channels > 1)
                    {
                        // One file is one track: its own channels are mixed into it, and words said at once on two of them blur.
                        readOptions?.OnWarning?.Invoke(new AudioWarning(path, string.Format(System.Globalization.CultureInfo.InvariantCulture,
                            "it has {0} channels and becomes one track of the stream, so they are mixed into one; words spoken at once on " +
                            "different channels may be lost. To keep them apart, send this file on its own (each of its channels is then a channel of its session).",
                            channels)));
                    }
                }

                var format = new SessionFormatChooser().ChooseForTracks(sources.ConvertAll(s => s.Format));
                return new MultiTrackSource(sources, format.SampleRate);
            }
            catch
            {
                sources.ForEach(s => s.Dispose());
                throw;
            }
        }

        /// <summary>Seconds of audio in <paramref name="source"/> when its header says (a WAV file or stream), else null.</summary>
        public static double? DurationSeconds(IAudioSource source) =>
            source is WavAudioSource { Info.DataLength: long bytes } wav && wav.Format.ByteRate > 0 ? (double)bytes / wav.Format.ByteRate : null;

        /// <summary>
        /// Opens a stream by what it holds, as <see cref="OpenAsync"/> opens a file: a WAV stream is read by its header;
        /// a stream that starts like another audio or video container (MP3 with its ID3 tag, M4A, FLAC, Ogg, WebM…) is
        /// decoded by ffmpeg, fed through its standard input, to <paramref name="rawFormat"/>'s rate and channels; anything
        /// else is taken as raw samples in <paramref name="rawFormat"/>. A stream that cannot seek (a pipe, a process's
        /// output) is looked at the same way: its first bytes are read and put back in front of it. The stream is read from
        /// where it is and left open.
        /// </summary>
        /// <param name="stream">The audio.</param>
        /// <param name="rawFormat">The samples' format when the stream has no header; the rate and channels ffmpeg decodes to.</param>
        /// <param name="name">How errors and warnings name the stream.</param>
        /// <param name="readOptions">Warnings callback and block size.</param>
        /// <param name="ffmpegOptions">Where ffmpeg is, and its sample format.</param>
        /// <param name="cancellationToken">Cancels reading the header.</param>
        public static async Task<IAudioSource> OpenStreamAsync(Stream stream, SessionAudioFormat rawFormat, string? name = "Stream",
            AudioReadOptions? readOptions = null, FfmpegOptions? ffmpegOptions = null, CancellationToken cancellationToken = default)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            if (rawFormat is null)
            {
                throw new ArgumentNullException(nameof(rawFormat));
            }

            var label = name ?? "Stream";
            var origin = stream.CanSeek ? stream.Position : 0;
            var (start, read) = await ReadStartAsync(stream, cancellationToken).ConfigureAwait(false);
            var whole = stream.CanSeek ? stream : new PrefixReplayStream(start, read, stream);
            if (WavAudioSource.LooksLikeWav(start.AsSpan(0, read)))
            {
                try
                {
                    return await WavAudioSource.OpenAsync(whole, name, leaveOpen: true, readOptions, cancellationToken).ConfigureAwait(false);
                }
                catch (AudioFormatException ex) when (ex.Reason == AudioFormatError.UnsupportedCodec && stream.CanSeek &&
                                                      FfmpegLocator.TryFind(ffmpegOptions?.FfmpegPath) is not null)
                {
                    // A compressed WAV, as for files; a stream that cannot seek has given its header away by now.
                    stream.Position = origin;
                    return FfmpegAudioSource.StartStream(stream, label, rawFormat.SampleRate, rawFormat.Channels, ffmpegOptions);
                }
            }

            if (MediaSignature.LooksLikeContainer(start.AsSpan(0, read)))
            {
                return FfmpegAudioSource.StartStream(whole, label, rawFormat.SampleRate, rawFormat.Channels, ffmpegOptions);
            }

            return new RawAudioSource(whole, AudioFormat.FromSession(rawFormat), name, leaveOpen: true);
        }

        /// <summary>
        /// The first bytes of a stream (enough to tell a WAV header or another container), fewer only when it ends first. A
        /// seekable stream is put back where it was; one that cannot seek is not, and the caller replays them.
        /// </summary>
        private static async Task<(byte[] Start, int Read)> ReadStartAsync(Stream stream, CancellationToken cancellationToken)
        {
            var start = new byte[12];
            var position = stream.CanSeek ? stream.Position : 0;
            var read = 0;
            while (read < start.Length)
            {
                var n = await stream.ReadAsync(start, read, start.Length - read, cancellationToken).ConfigureAwait(false);
                if (n <= 0)
                {
                    break;
                }

                read += n;
            }

            if (stream.CanSeek)
            {
                stream.Position = position;
            }

            return (start, read);
        }

        // WAV files need no layout; anything else is decoded by ffmpeg to mono at its closest session rate.
        private static async Task<(SessionAudioFormat? Layout, int? Channels)> MonoLayoutAsync(string path, FfmpegOptions? options, CancellationToken cancellationToken)
        {
            byte[] start;
            int read;
            using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous))
            {
                (start, read) = await ReadStartAsync(probe, cancellationToken).ConfigureAwait(false);
            }

            if (WavAudioSource.LooksLikeWav(start.AsSpan(0, read)))
            {
                return (null, null);
            }

            RefuseWhatIsNotMedia(path, start.AsSpan(0, read), options);
            FfmpegLocator.Find(options?.FfmpegPath, path);
            var probed = await FfmpegProbe.ProbeAsync(path, options, cancellationToken).ConfigureAwait(false);
            return (new SessionFormatChooser().Choose(probed.Format.With(probed.Format.SampleRate, 1), path), probed.Format.Channels);
        }

        // Without ffmpeg, a file that starts like no audio or video format is not one: say that, not that ffmpeg is missing.
        private static void RefuseWhatIsNotMedia(string path, ReadOnlySpan<byte> start, FfmpegOptions? options)
        {
            if (start.Length == 0)
            {
                throw new AudioFormatException(path, AudioFormatError.NotWav, "the file is empty: it holds no audio.");
            }

            if (!MediaSignature.LooksLikeMedia(start) && FfmpegLocator.TryFind(options?.FfmpegPath) is null)
            {
                throw new AudioFormatException(path, AudioFormatError.NotWav,
                    "not a WAV or audio file: it starts like no audio or video format (and ffmpeg, which reads the formats WAV is not, is not installed).");
            }
        }

        private static async Task<IAudioSource> StartFfmpegAsync(string path, SessionAudioFormat? layout, FfmpegOptions? options,
            CancellationToken cancellationToken)
        {
            if (layout is null)
            {
                FfmpegLocator.Find(options?.FfmpegPath, path);
                var probed = await FfmpegProbe.ProbeAsync(path, options, cancellationToken).ConfigureAwait(false);
                layout = new SessionFormatChooser().Choose(probed.Format, path);
            }

            return FfmpegAudioSource.Start(path, layout.SampleRate, layout.Channels, options);
        }
    }
}
