using System;
using System.Globalization;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>Speech began or ended on a channel (§6.5). Both fields are optional on the wire (§11 #7).</summary>
    public abstract class SpeechEventMessage : LiveMessage
    {
        /// <summary>Seconds from the start of the session's audio.</summary>
        public double? Time { get; internal set; }

        public int? Channel { get; internal set; }

        public abstract bool IsStart { get; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} ch{1} {2:0.00}", Type, Channel, Time);

        internal void ReadSpeech(JsonElement root, string type)
        {
            ReadEnvelope(root, type);
            if (TolerantJson.GetObject(root, "data") is { } data)
            {
                Time = TolerantJson.GetSeconds(data, "time");
                Channel = TolerantJson.GetInt32(data, "channel");
            }
        }
    }
}
