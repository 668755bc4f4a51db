using System;
using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// Recognises tone words on one channel. Every 5 ms a 20 ms Hann frame is analysed at the 32 word frequencies;
    /// a word is a run of frames that one word's tone dominates lasting at least 100 ms whose measured frequency
    /// (from the phase advance between frames) is within 10 Hz of the word's. Its edges are then placed on a 1 ms
    /// energy envelope. Every decision depends only on samples up to the frame that triggers it, so the results
    /// do not depend on how the stream was split.
    /// </summary>
    internal sealed class ToneChannelRecognizer
    {
        private const double MinimumWordSeconds = 0.1;

        // Share of a frame's windowed energy the best bin must hold (1.0 for a pure tone on a vocabulary frequency).
        private const double MinimumPurity = 0.5;

        // The runner-up bin must be this much weaker than the best (a pure tone's neighbour is ~0.03).
        private const double MaximumRivalRatio = 0.3;

        // Frames quieter than this mean square (-70 dBFS) are silence: A-law's smallest code (+-8/32768) stays below it.
        private const double SilenceMeanSquare = 1e-7;

        private const double MaximumFrequencyErrorHz = 10;

        // An edge is where the 1 ms energy falls below this share of the word's plateau (amplitude ~22%, 2 ms into a 10 ms fade).
        private const double EdgeFraction = 0.05;

        private const double PlateauSeconds = 0.04;

        private const double EdgeSearchSeconds = 0.06;

        private readonly int channel;
        private readonly int sampleRate;
        private readonly UtteranceRules rules;
        private readonly ToneFilterBank bank;
        private readonly RecognitionEventSink sink;
        private readonly EnergyEnvelope envelope;
        private readonly int frameLength;
        private readonly int hop;
        private readonly double graceSeconds;

        private readonly float[] buffer;
        private long bufferStart;
        private int bufferCount;
        private readonly float[] frame;
        private float[] real = new float[ToneVocabulary.Count];
        private float[] imaginary = new float[ToneVocabulary.Count];
        private float[] previousReal = new float[ToneVocabulary.Count];
        private float[] previousImaginary = new float[ToneVocabulary.Count];
        private bool previousValid;
        private long samples;
        private long nextFrame;
        private long eventSampleLimit = long.MaxValue;

        // The run of frames dominated by one word.
        private int runWord = -1;
        private long runFirstFrame;
        private long runLastFrame;
        private int runFrames;
        private double puritySum;
        private double headPuritySum;
        private readonly double[] tailPurities = new double[4];
        private double deviationSum;
        private int deviationCount;
        private bool runConfirmed;
        private bool runRejected;
        private double wordStart;

        // The open utterance.
        private bool open;
        private double utteranceStart;
        private double lastEnd;
        private readonly List<RecognizedWord> words = new();

        public ToneChannelRecognizer(int channel, int sampleRate, UtteranceRules rules, RecognitionEventSink sink)
        {
            this.channel = channel;
            this.sampleRate = sampleRate;
            this.rules = rules;
            this.sink = sink;
            bank = ToneFilterBank.For(sampleRate);
            envelope = new EnergyEnvelope(sampleRate);
            frameLength = bank.FrameLength;
            hop = bank.Hop;
            buffer = new float[(2 * frameLength) + hop];
            frame = new float[bank.PaddedLength];

            // A word that ended before the maximum-duration limit is known at most about two frames later.
            graceSeconds = ((frameLength + (2.0 * hop)) / sampleRate) + 0.01;
        }

        public void Process(ReadOnlySpan<float> input)
        {
            while (!input.IsEmpty)
            {
                long frameEnd = (nextFrame * hop) + frameLength;
                int take = (int)Math.Min(input.Length, frameEnd - samples);
                ReadOnlySpan<float> part = input.Slice(0, take);
                Append(part);
                envelope.Add(part);
                samples += take;
                input = input.Slice(take);
                if (samples == frameEnd)
                {
                    AnalyzeFrame();
                }
            }
        }

        /// <summary>End of stream: let a sounding word end where the stream ends, then close the open utterance.</summary>
        public void Complete()
        {
            long end = samples;
            eventSampleLimit = end;
            var silence = new float[hop];
            for (int i = 0; runWord >= 0 && i < (frameLength / hop) + 4; i++)
            {
                Process(silence);
            }

            if (open)
            {
                Close(end);
            }
        }

        private void Append(ReadOnlySpan<float> part)
        {
            if (bufferCount + part.Length > buffer.Length)
            {
                int drop = (int)((nextFrame * hop) - bufferStart);
                Array.Copy(buffer, drop, buffer, 0, bufferCount - drop);
                bufferStart += drop;
                bufferCount -= drop;
            }

            part.CopyTo(buffer.AsSpan(bufferCount));
            bufferCount += part.Length;
        }

        private void AnalyzeFrame()
        {
            long f = nextFrame++;
            buffer.AsSpan((int)((f * hop) - bufferStart), frameLength).CopyTo(frame);
            float energy = bank.Energy(frame);
            int word = -1;
            double purity = 0;
            double deviation = 0;
            bool deviationValid = false;
            if (energy / bank.WindowSquareSum >= SilenceMeanSquare)
            {
                bank.Analyze(frame, real, imaginary);
                int best = 0;
                double bestPower = -1;
                double secondPower = -1;
                for (int k = 0; k < ToneVocabulary.Count; k++)
                {
                    double power = (real[k] * (double)real[k]) + (imaginary[k] * (double)imaginary[k]);
                    if (power > bestPower)
                    {
                        secondPower = bestPower;
                        bestPower = power;
                        best = k;
                    }
                    else if (power > secondPower)
                    {
                        secondPower = power;
                    }
                }

                purity = bestPower / (energy * bank.PurityScale);
                if (purity >= MinimumPurity && secondPower <= MaximumRivalRatio * bestPower)
                {
                    word = best;
                    if (previousValid)
                    {
                        // The phase of a tone at f advances by 2 pi f hop / rate between frames; the excess over the
                        // word's own advance measures how far the tone is from the word's frequency.
                        double cr = (real[best] * (double)previousReal[best]) + (imaginary[best] * (double)previousImaginary[best]);
                        double ci = (imaginary[best] * (double)previousReal[best]) - (real[best] * (double)previousImaginary[best]);
                        double delta = Wrap(Math.Atan2(ci, cr) - bank.PhaseAdvance[best]);
                        deviation = delta * sampleRate / (2 * Math.PI * hop);
                        deviationValid = true;
                    }
                }

                (real, previousReal) = (previousReal, real);
                (imaginary, previousImaginary) = (previousImaginary, imaginary);
                previousValid = true;
            }
            else
            {
                previousValid = false;
            }

            OnFrame(f, word, purity, deviation, deviationValid);
        }

        private void OnFrame(long f, int word, double purity, double deviation, bool deviationValid)
        {
            long detect = (f * hop) + frameLength;
            if (word >= 0 && word == runWord)
            {
                runLastFrame = f;
                runFrames++;
                puritySum += purity;
                if (runFrames <= 4)
                {
                    headPuritySum += purity;
                }

                tailPurities[runFrames % tailPurities.Length] = purity;
                if (deviationValid)
                {
                    deviationSum += deviation;
                    deviationCount++;
                }

                if (!runConfirmed && !runRejected && runFrames * (double)hop >= MinimumWordSeconds * sampleRate)
                {
                    Confirm(detect);
                }
            }
            else
            {
                if (runWord >= 0)
                {
                    EndRun(detect);
                }

                if (word >= 0)
                {
                    runWord = word;
                    runFirstFrame = f;
                    runLastFrame = f;
                    runFrames = 1;
                    puritySum = purity;
                    headPuritySum = purity;
                    Array.Clear(tailPurities, 0, tailPurities.Length);
                    tailPurities[1] = purity;
                    deviationSum = 0;
                    deviationCount = 0;
                    runConfirmed = false;
                    runRejected = false;
                }
            }

            CheckTimers(detect);
        }

        private void Confirm(long detect)
        {
            if (deviationCount < 3 || Math.Abs(deviationSum / deviationCount) > MaximumFrequencyErrorHz)
            {
                // A steady tone, but not on a vocabulary frequency.
                runRejected = true;
                return;
            }

            runConfirmed = true;
            wordStart = RefineStart();
            if (open && words.Count > 0 &&
                (wordStart - lastEnd >= rules.EffectiveSilence || wordStart >= utteranceStart + rules.MaximumDurationWithoutEndpointing))
            {
                Close(detect);
            }

            if (!open)
            {
                Open(wordStart, detect);
            }
        }

        private void EndRun(long detect)
        {
            if (runConfirmed)
            {
                double end = Math.Min(RefineEnd(), eventSampleLimit / (double)sampleRate);
                end = Math.Max(end, wordStart + (hop / (double)sampleRate));
                var word = new RecognizedWord(ToneVocabulary.Words[runWord], Round(wordStart), Round(end), Confidence());

                // Maximum duration: an utterance keeps only words that end within the limit of its start.
                if (open && words.Count > 0 && end > utteranceStart + rules.MaximumDurationWithoutEndpointing)
                {
                    Close(detect);
                }

                if (!open)
                {
                    Open(wordStart, detect);
                }

                words.Add(word);
                lastEnd = end;
                Emit(detect, new PartialUtterance(Snapshot()));
            }

            runWord = -1;
            runConfirmed = false;
            runRejected = false;
        }

        /// <summary>
        /// Closes the open utterance when the stream shows it is over:
        /// - endpointing: no word sounds and none started within <see cref="UtteranceRules.EffectiveSilence"/> seconds
        ///   after the last word's end;
        /// - maximum duration: an utterance holds only words that end at most MaximumDurationWithoutEndpointing seconds
        ///   after its first word's start. Once the stream is a grace period (two frames) past that limit the utterance
        ///   closes; a word still sounding then starts the next utterance (it cannot end within the limit).
        /// </summary>
        private void CheckTimers(long detect)
        {
            if (!open || words.Count == 0)
            {
                return;
            }

            double position = detect / (double)sampleRate;
            bool wordSounding = runWord >= 0 && runConfirmed;
            if (!wordSounding && position >= lastEnd + rules.EffectiveSilence)
            {
                bool candidateInSilence = runWord >= 0 && !runRejected &&
                    (((runFirstFrame * hop) + (frameLength / 2.0)) / sampleRate) < lastEnd + rules.EffectiveSilence;
                if (!candidateInSilence)
                {
                    Close(detect);
                    return;
                }
            }

            if (position >= utteranceStart + rules.MaximumDurationWithoutEndpointing + graceSeconds)
            {
                Close(detect);
                if (wordSounding)
                {
                    Open(wordStart, detect);
                }
            }
        }

        private void Open(double start, long detect)
        {
            open = true;
            utteranceStart = start;
            words.Clear();
            Emit(detect, new SpeechStarted(channel, Round(start)));
        }

        private void Close(long detect)
        {
            open = false;
            if (words.Count == 0)
            {
                return;
            }

            RecognizedUtterance utterance = Snapshot();
            words.Clear();
            Emit(detect, new FinalUtterance(utterance));
            Emit(detect, new SpeechEnded(channel, utterance.End));
        }

        private void Emit(long detect, RecognitionEvent recognitionEvent) =>
            sink.Add(Math.Min(detect, eventSampleLimit), recognitionEvent);

        private RecognizedUtterance Snapshot()
        {
            RecognizedWord[] copy = words.ToArray();
            double confidence = Math.Round(copy.Average(w => w.Confidence), 3);
            return new RecognizedUtterance(
                channel, copy[0].Start, copy[copy.Length - 1].End, string.Join(" ", copy.Select(w => w.Word)), confidence, copy);
        }

        private double RefineStart()
        {
            int block = envelope.BlockLength;
            long anchorBlock = ((runFirstFrame * hop) + frameLength) / block;
            double plateau = envelope.Mean(anchorBlock, anchorBlock + Blocks(PlateauSeconds));
            double threshold = Math.Max(plateau * EdgeFraction, SilenceMeanSquare);
            long lowest = Math.Max(envelope.Oldest, ((runFirstFrame * hop) - Samples(EdgeSearchSeconds)) / block);
            for (long b = Math.Min(anchorBlock, envelope.Completed) - 1; b >= lowest; b--)
            {
                if (envelope[b] < threshold)
                {
                    return (b + 1) * block / (double)sampleRate;
                }
            }

            return ((runFirstFrame * hop) + (frameLength / 2.0)) / sampleRate;
        }

        private double RefineEnd()
        {
            int block = envelope.BlockLength;
            long anchorBlock = runLastFrame * hop / block;
            long firstBlock = ((runFirstFrame * hop) + frameLength) / block;
            double plateau = envelope.Mean(Math.Max(firstBlock, anchorBlock - Blocks(PlateauSeconds)), anchorBlock);
            double threshold = Math.Max(plateau * EdgeFraction, SilenceMeanSquare);
            for (long b = Math.Max(anchorBlock, envelope.Oldest); b < envelope.Completed; b++)
            {
                if (envelope[b] < threshold)
                {
                    return b * block / (double)sampleRate;
                }
            }

            return ((runLastFrame * hop) + (frameLength / 2.0)) / sampleRate;
        }

        private double Confidence()
        {
            double mean = runFrames > 12
                ? (puritySum - headPuritySum - tailPurities.Sum()) / (runFrames - 8)
                : puritySum / runFrames;
            return Math.Round(Math.Max(0, Math.Min(1, mean)), 3);
        }

        private long Blocks(double seconds) => Math.Max(1, (long)Math.Round(seconds * sampleRate / envelope.BlockLength));

        private long Samples(double seconds) => (long)Math.Round(seconds * sampleRate);

        private static double Round(double seconds) => Math.Round(seconds, 4);

        private static double Wrap(double angle)
        {
            angle %= 2 * Math.PI;
            if (angle > Math.PI)
            {
                angle -= 2 * Math.PI;
            }
            else if (angle <= -Math.PI)
            {
                angle += 2 * Math.PI;
            }

            return angle;
        }
    }
}
