using System.Text.Json;

namespace GladiaPS.Core.Messages
{
    public sealed class SpeechStartMessage : SpeechEventMessage
    {
        public override bool IsStart => true;

        internal static SpeechStartMessage FromJson(JsonElement root, string type)
        {
            var message = new SpeechStartMessage();
            message.ReadSpeech(root, type);
            return message;
        }
    }
}
