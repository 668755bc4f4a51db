using System;
using System.Collections.Generic;
using GladiaPS.Core.Models;

namespace GladiaPS.Subtitles
{
    /// <summary>One utterance to show: its time, channel and text, and its words' times when the server gave them.</summary>
    public sealed class SubtitleCue
    {
        public SubtitleCue(double start, double end, string text, int channel, IReadOnlyList<Word>? words = null, int? speaker = null)
        {
            Speaker = speaker;
            Start = start;
            End = end;
            Text = text;
            Channel = channel;
            Words = words ?? System.Array.Empty<Word>();
        }

        /// <summary>Whether a time can be written in a cue: finite and within ±10^7 s (what the wire is allowed to say).</summary>
        public static bool IsWritableTime(double seconds) => !double.IsNaN(seconds) && !double.IsInfinity(seconds) && Math.Abs(seconds) <= 1e7;

        public double Start { get; }

        public double End { get; }

        public string Text { get; }

        public int Channel { get; }

        /// <summary>The speaker diarization found, when it ran; the cue's label then names the speaker instead of the channel.</summary>
        public int? Speaker { get; }

        /// <summary>The label the cue carries when labels are on: "Speaker N" when the speaker is known, else "Channel N".</summary>
        public string Label => Speaker is int speaker ? "Speaker " + speaker : "Channel " + Channel;

        public IReadOnlyList<Word> Words { get; }
    }
}
