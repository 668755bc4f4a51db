namespace GladiaPS.Core.Messages
{
    /// <summary>The <c>type</c> values of the socket's messages (§6.2), plus the client-side <see cref="Error"/>.</summary>
    public static class LiveMessageTypes
    {
        public const string AudioChunk = "audio_chunk";
        public const string StopRecording = "stop_recording";
        public const string StartSession = "start_session";
        public const string StartRecording = "start_recording";
        public const string EndRecording = "end_recording";
        public const string EndSession = "end_session";
        public const string SpeechStart = "speech_start";
        public const string SpeechEnd = "speech_end";
        public const string Transcript = "transcript";
        public const string Translation = "translation";
        public const string NamedEntityRecognition = "named_entity_recognition";
        public const string SentimentAnalysis = "sentiment_analysis";
        public const string PostTranscript = "post_transcript";
        public const string PostFinalTranscript = "post_final_transcript";
        public const string PostSummarization = "post_summarization";
        public const string PostChapterization = "post_chapterization";

        /// <summary>An error found by the client (a bad frame, an inconsistent acknowledgment, a lost connection) or reported by the server.</summary>
        public const string Error = "error";
    }
}
