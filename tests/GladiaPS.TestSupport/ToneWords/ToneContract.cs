using System;
using System.Collections.Generic;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>A word as written into a signal: where its tone starts and ends, in seconds on its channel.</summary>
    public sealed record ToneWordSpan(int Channel, string Word, double Start, double End);

    /// <summary>A recognised word.</summary>
    public sealed record RecognizedWord(string Word, double Start, double End, double Confidence);

    /// <summary>A recognised utterance: its words joined by single spaces.</summary>
    public sealed record RecognizedUtterance(
        int Channel, double Start, double End, string Text, double Confidence, IReadOnlyList<RecognizedWord> Words);

    /// <summary>What the streaming recogniser reports as audio arrives.</summary>
    public abstract record RecognitionEvent(int Channel);

    /// <summary>Speech (a tone) began on a channel at <paramref name="Time"/> seconds.</summary>
    public sealed record SpeechStarted(int Channel, double Time) : RecognitionEvent(Channel);

    /// <summary>Speech ended on a channel at <paramref name="Time"/> seconds (the utterance's end).</summary>
    public sealed record SpeechEnded(int Channel, double Time) : RecognitionEvent(Channel);

    /// <summary>An utterance still in progress: the words so far.</summary>
    public sealed record PartialUtterance(RecognizedUtterance Utterance) : RecognitionEvent(Utterance.Channel);

    /// <summary>An utterance closed by endpointing, by the maximum duration, or by the end of the stream.</summary>
    public sealed record FinalUtterance(RecognizedUtterance Utterance) : RecognitionEvent(Utterance.Channel);

    /// <summary>When an utterance ends (docs/tone-words.md): the first silence of max(endpointing, 0.25) s, or after
    /// maximum_duration_without_endpointing s.</summary>
    public sealed record UtteranceRules(double Endpointing = 0.05, double MaximumDurationWithoutEndpointing = 5)
    {
        public double EffectiveSilence => Math.Max(Endpointing, 0.25);
    }
}
