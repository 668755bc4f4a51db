using System;
using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// Streaming tone-word recogniser for a raw interleaved stream: each channel is recognised on its own.
    /// Feed bytes as they arrive (split anywhere, even inside a sample); the events that became known are returned,
    /// ordered by the stream position at which each became known, then by channel. Memory does not grow with the
    /// stream: only a few seconds of analysis state are kept per channel. Not thread-safe: one caller feeds a stream.
    /// </summary>
    /// <remarks>
    /// Events of an utterance come in this order: <see cref="SpeechStarted"/> once its first word has sounded for
    /// 100 ms (time = that word's start), a <see cref="PartialUtterance"/> each time a word ends (the words so far),
    /// then <see cref="FinalUtterance"/> and <see cref="SpeechEnded"/> (time = the utterance's end) when it closes:
    /// after <see cref="UtteranceRules.EffectiveSilence"/> seconds without a word, when it reaches
    /// <see cref="UtteranceRules.MaximumDurationWithoutEndpointing"/> (an utterance keeps only words ending within
    /// that many seconds of its start; a later word opens the next utterance), or at <see cref="Complete"/>.
    /// </remarks>
    public sealed class ToneRecognizer
    {
        private const int SliceFrames = 4096;

        private readonly ToneStreamDecoder decoder;
        private readonly ToneChannelRecognizer[] channels;
        private readonly RecognitionEventSink sink = new();
        private readonly float[][] scratch;

        public ToneRecognizer(ToneAudioFormat format, UtteranceRules? rules = null)
        {
            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            format.Validate();
            rules ??= new UtteranceRules();
            if (double.IsNaN(rules.Endpointing) || rules.Endpointing < 0 || rules.Endpointing > 3600)
            {
                throw new ArgumentOutOfRangeException(nameof(rules), rules.Endpointing, "Endpointing must be 0 to 3600 seconds.");
            }

            if (double.IsNaN(rules.MaximumDurationWithoutEndpointing) || rules.MaximumDurationWithoutEndpointing <= 0 ||
                rules.MaximumDurationWithoutEndpointing > 86400)
            {
                throw new ArgumentOutOfRangeException(nameof(rules), rules.MaximumDurationWithoutEndpointing,
                    "MaximumDurationWithoutEndpointing must be greater than 0 and at most 86400 seconds.");
            }

            Format = format;
            Rules = rules;
            decoder = new ToneStreamDecoder(format);
            channels = new ToneChannelRecognizer[format.Channels];
            scratch = new float[format.Channels][];
            for (int c = 0; c < channels.Length; c++)
            {
                channels[c] = new ToneChannelRecognizer(c, format.SampleRate, rules, sink);
                scratch[c] = new float[SliceFrames];
            }
        }

        public ToneAudioFormat Format { get; }

        public UtteranceRules Rules { get; }

        /// <summary>Seconds of audio (per channel) decoded so far.</summary>
        public double SecondsProcessed => decoder.FramesDecoded / (double)Format.SampleRate;

        /// <summary>Whether <see cref="Complete"/> has been called.</summary>
        public bool IsCompleted { get; private set; }

        /// <summary>Recognises the next bytes of the stream; returns the events they revealed.</summary>
        /// <exception cref="InvalidOperationException">The stream was already completed.</exception>
        public IReadOnlyList<RecognitionEvent> Feed(ReadOnlySpan<byte> bytes)
        {
            if (IsCompleted)
            {
                throw new InvalidOperationException("The recogniser's stream is complete; no more audio can be fed.");
            }

            while (!bytes.IsEmpty)
            {
                int frames = decoder.Decode(ref bytes, scratch, 0, SliceFrames);
                if (frames == 0)
                {
                    continue;
                }

                for (int c = 0; c < channels.Length; c++)
                {
                    channels[c].Process(scratch[c].AsSpan(0, frames));
                }
            }

            return sink.Drain();
        }

        /// <summary>End of stream: ends a word still sounding and closes open utterances. Later calls return nothing.
        /// An incomplete trailing frame is ignored.</summary>
        public IReadOnlyList<RecognitionEvent> Complete()
        {
            if (IsCompleted)
            {
                return Array.Empty<RecognitionEvent>();
            }

            IsCompleted = true;
            foreach (ToneChannelRecognizer channel in channels)
            {
                channel.Complete();
            }

            return sink.Drain();
        }

        /// <summary>Recognises a whole raw stream; returns the final utterances ordered by start, then channel.</summary>
        public static IReadOnlyList<RecognizedUtterance> Recognize(ReadOnlySpan<byte> raw, ToneAudioFormat format, UtteranceRules? rules = null)
        {
            var recognizer = new ToneRecognizer(format, rules);
            IEnumerable<RecognitionEvent> events = recognizer.Feed(raw).Concat(recognizer.Complete());
            return Finals(events);
        }

        /// <summary>Recognises a whole WAV file (format from its header); final utterances ordered by start, then channel.</summary>
        public static IReadOnlyList<RecognizedUtterance> RecognizeWav(byte[] wav, UtteranceRules? rules = null)
        {
            ToneWavContent content = ToneWavReader.Read(wav);
            return Recognize(content.Data, content.Format, rules);
        }

        /// <summary>The final utterances among <paramref name="events"/>, ordered by start, then channel.</summary>
        public static IReadOnlyList<RecognizedUtterance> Finals(IEnumerable<RecognitionEvent> events) =>
            events.OfType<FinalUtterance>().Select(f => f.Utterance).OrderBy(u => u.Start).ThenBy(u => u.Channel).ToList();

        /// <summary>
        /// One channel's utterance texts in time order joined by " | ": the form of <see cref="TonePhrase.Normalize"/>.
        /// </summary>
        public static string Transcript(IEnumerable<RecognizedUtterance> utterances, int channel)
        {
            if (utterances is null)
            {
                throw new ArgumentNullException(nameof(utterances));
            }

            return string.Join(" | ", utterances.Where(u => u.Channel == channel).OrderBy(u => u.Start).Select(u => u.Text.Trim()));
        }
    }
}
