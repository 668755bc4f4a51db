using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Messages
{
    /// <summary>
    /// A partial or final transcript of one utterance (§6.6), flattened: the utterance's fields are
    /// properties of the message itself.
    /// </summary>
    public sealed class TranscriptMessage : LiveMessage
    {
        /// <summary>The utterance id; partial and final versions of one utterance share it.</summary>
        public string? UtteranceId { get; internal set; }

        /// <summary>False for a partial result that may still change. A message without <c>is_final</c> is final (§11 #5).</summary>
        public bool IsFinal { get; internal set; } = true;

        public Utterance Utterance { get; internal set; } = new Utterance();

        /// <summary>The utterance text, trimmed.</summary>
        public string Text => Utterance.Text;

        public double Start => Utterance.Start;

        public double End => Utterance.End;

        public int Channel => Utterance.Channel;

        public string? Language => Utterance.Language;

        public double? Confidence => Utterance.Confidence;

        public IReadOnlyList<Word> Words => Utterance.Words;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "transcript{0} {1}", IsFinal ? string.Empty : " (partial)", Utterance);

        /// <summary>
        /// A final transcript made from an utterance of a finished job (a pre-recorded result), so that both halves of
        /// the API put the same transcript on the pipeline. <see cref="LiveMessage.Raw"/> is the utterance's own JSON.
        /// </summary>
        public static TranscriptMessage FromUtterance(Utterance utterance, string? jobId) => new TranscriptMessage
        {
            Type = LiveMessageTypes.Transcript,
            SessionId = jobId,
            IsFinal = true,
            Utterance = utterance ?? throw new ArgumentNullException(nameof(utterance)),
            Raw = utterance.Raw,
        };

        internal static TranscriptMessage FromJson(JsonElement root, string type)
        {
            var message = new TranscriptMessage();
            message.ReadEnvelope(root, type);
            if (TolerantJson.GetObject(root, "data") is not { } data)
            {
                return message;
            }

            message.UtteranceId = TolerantJson.GetString(data, "id") ?? TolerantJson.GetString(data, "utterance_id");
            message.IsFinal = TolerantJson.GetBoolean(data, "is_final") ?? true;

            // The documented shape nests the utterance; one reference example puts its fields directly in data.
            message.Utterance = TolerantJson.GetObject(data, "utterance") is { } utterance
                ? Utterance.FromJson(utterance)
                : Utterance.FromJson(data);
            return message;
        }
    }
}
