using System.Text.Json;

namespace GladiaPS.Core.Messages
{
    public sealed class SpeechEndMessage : SpeechEventMessage
    {
        public override bool IsStart => false;

        internal static SpeechEndMessage FromJson(JsonElement root, string type)
        {
            var message = new SpeechEndMessage();
            message.ReadSpeech(root, type);
            return message;
        }
    }
}
