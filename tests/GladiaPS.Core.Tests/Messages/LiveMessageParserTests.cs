using System;
using System.Linq;
using System.Text;
using GladiaPS.Core.Messages;
using Xunit;

namespace GladiaPS.Core.Tests.Messages
{
    public class LiveMessageParserTests
    {
        private const string Session = "\"session_id\":\"b1e0c7d2\",\"created_at\":\"2026-02-14T10:15:34.870Z\"";

        [Fact]
        public void Transcript_FullShape_IsFlattened()
        {
            var json = "{\"type\":\"transcript\"," + Session + ",\"data\":{\"id\":\"00_00000003\",\"is_final\":true,\"utterance\":{" +
                "\"start\":3.12,\"end\":4.05,\"confidence\":0.88,\"channel\":1,\"text\":\"  Ship it today. \",\"language\":\"en\"," +
                "\"words\":[{\"word\":\"Ship\",\"start\":3.12,\"end\":3.38,\"confidence\":0.93},{\"word\":\" it\",\"start\":3.38,\"end\":3.51,\"confidence\":0.9}]}}}";

            var message = Assert.IsType<TranscriptMessage>(LiveMessageParser.Parse(json));

            Assert.Equal("transcript", message.Type);
            Assert.Equal("b1e0c7d2", message.SessionId);
            Assert.Equal(new DateTimeOffset(2026, 2, 14, 10, 15, 34, 870, TimeSpan.Zero), message.CreatedAt);
            Assert.Equal("00_00000003", message.UtteranceId);
            Assert.True(message.IsFinal);
            Assert.Equal("Ship it today.", message.Text);
            Assert.Equal(3.12, message.Start);
            Assert.Equal(4.05, message.End);
            Assert.Equal(1, message.Channel);
            Assert.Equal("en", message.Language);
            Assert.Equal(0.88, message.Confidence);
            Assert.Equal(new[] { "Ship", " it" }, message.Words.Select(w => w.Text));
            Assert.Equal(3.38, message.Words[1].Start);
            // What Export-Csv writes for the list: the words, not the list's type name.
            Assert.Equal("Ship it", message.Words.ToString());
            Assert.Equal(json, message.Raw);
        }

        [Fact]
        public void Transcript_Partial_IsNotFinal()
        {
            var message = Assert.IsType<TranscriptMessage>(LiveMessageParser.Parse(
                "{\"type\":\"transcript\",\"data\":{\"id\":\"u1\",\"is_final\":false,\"utterance\":{\"text\":\"alpha\",\"start\":0.5,\"end\":0.7}}}"));
            Assert.False(message.IsFinal);
            Assert.Equal("alpha", message.Text);
        }

        [Fact]
        public void Transcript_FieldsDirectlyInData_MissingIsFinalMeansFinal()
        {
            // §11 #5: one reference example puts words, text and language directly in data, with no id or is_final.
            var message = Assert.IsType<TranscriptMessage>(LiveMessageParser.Parse(
                "{\"type\":\"transcript\"," + Session + ",\"data\":{\"text\":\" Hello there\",\"language\":\"fr\",\"start\":1,\"end\":2," +
                "\"words\":[{\"word\":\"Hello\",\"start\":1,\"end\":1.5}]}}"));

            Assert.True(message.IsFinal);
            Assert.Null(message.UtteranceId);
            Assert.Equal("Hello there", message.Text);
            Assert.Equal("fr", message.Language);
            Assert.Single(message.Words);
            Assert.Null(message.Words[0].Confidence);
        }

        [Fact]
        public void Transcript_AbbreviatedUtterance_OptionalFieldsAbsent()
        {
            // §11 #6: multi-channel examples omit is_final, confidence and words.
            var message = Assert.IsType<TranscriptMessage>(LiveMessageParser.Parse(
                "{\"type\":\"transcript\",\"session_id\":\"other\",\"data\":{\"id\":\"x\",\"utterance\":{\"text\":\"hi\",\"channel\":2}}}"));

            Assert.True(message.IsFinal);
            Assert.Null(message.Confidence);
            Assert.Empty(message.Words);
            Assert.Equal(2, message.Channel);
            Assert.Equal(0, message.Start);
            Assert.Null(message.Language);
        }

        [Fact]
        public void Transcript_WrongFieldTypes_DoNotThrow()
        {
            var message = Assert.IsType<TranscriptMessage>(LiveMessageParser.Parse(
                "{\"type\":\"transcript\",\"data\":{\"id\":7,\"is_final\":\"false\",\"utterance\":{\"text\":5,\"start\":\"1.5\",\"end\":null,\"channel\":\"3\",\"words\":{}}}}"));

            Assert.Equal("7", message.UtteranceId);
            Assert.False(message.IsFinal);
            Assert.Equal("5", message.Text);
            Assert.Equal(1.5, message.Start);
            Assert.Equal(3, message.Channel);
            Assert.Empty(message.Words);
        }

        [Fact]
        public void AudioChunkAck_ReadsRanges()
        {
            var message = Assert.IsType<AudioChunkAcknowledgment>(LiveMessageParser.Parse(
                "{\"type\":\"audio_chunk\"," + Session + ",\"acknowledged\":true,\"error\":null,\"data\":{\"byte_range\":[64000,96000],\"time_range\":[2.0,3.0]}}"));

            Assert.True(message.Acknowledged);
            Assert.Null(message.Error);
            Assert.Equal(64000, message.ByteStart);
            Assert.Equal(96000, message.ByteEnd);
            Assert.Equal(2.0, message.TimeStart);
            Assert.Equal(3.0, message.TimeEnd);
        }

        [Fact]
        public void AudioChunkAck_Rejected_CarriesError()
        {
            var message = Assert.IsType<AudioChunkAcknowledgment>(LiveMessageParser.Parse(
                "{\"type\":\"audio_chunk\",\"acknowledged\":false,\"error\":{\"message\":\"bad chunk\"},\"data\":null}"));

            Assert.False(message.Acknowledged);
            Assert.Equal("bad chunk", message.Error!.Message);
            Assert.Null(message.ByteEnd);
        }

        [Fact]
        public void StopRecordingAck_ReadsDurations()
        {
            var message = Assert.IsType<StopRecordingAcknowledgment>(LiveMessageParser.Parse(
                "{\"type\":\"stop_recording\",\"acknowledged\":true,\"error\":null,\"data\":{\"recording_duration\":12.5,\"recording_left_to_process\":0.75}}"));

            Assert.True(message.Acknowledged);
            Assert.Equal(12.5, message.RecordingDuration);
            Assert.Equal(0.75, message.RecordingLeftToProcess);
        }

        [Theory]
        [InlineData("start_session", typeof(StartSessionMessage))]
        [InlineData("start_recording", typeof(StartRecordingMessage))]
        [InlineData("end_session", typeof(EndSessionMessage))]
        public void Lifecycle_TypesAreDispatched(string type, Type expected)
        {
            var message = LiveMessageParser.Parse("{\"type\":\"" + type + "\"," + Session + "}");
            Assert.IsType(expected, message);
            Assert.Equal(type, message.Type);
            Assert.Equal("b1e0c7d2", message.SessionId);
        }

        [Fact]
        public void EndRecording_ReadsDuration()
        {
            var message = Assert.IsType<EndRecordingMessage>(LiveMessageParser.Parse(
                "{\"type\":\"end_recording\",\"created_at\":\"2026-02-14T10:20:41Z\",\"data\":{\"recording_duration\":311.4}}"));
            Assert.Equal(311.4, message.RecordingDuration);
            Assert.Equal(new DateTimeOffset(2026, 2, 14, 10, 20, 41, TimeSpan.Zero), message.CreatedAt);
        }

        [Fact]
        public void SpeechEvents_ReadTimeAndChannel_AndTolerateMissingFields()
        {
            var end = Assert.IsType<SpeechEndMessage>(LiveMessageParser.Parse("{\"type\":\"speech_end\",\"data\":{\"time\":4.31,\"channel\":0}}"));
            Assert.Equal(4.31, end.Time);
            Assert.Equal(0, end.Channel);
            Assert.False(end.IsStart);

            // §11 #7: time and channel are optional.
            var start = Assert.IsType<SpeechStartMessage>(LiveMessageParser.Parse("{\"type\":\"speech_start\",\"data\":{}}"));
            Assert.True(start.IsStart);
            Assert.Null(start.Time);
            Assert.Null(start.Channel);
        }

        [Fact]
        public void Translation_ReadsBothUtterances()
        {
            var message = Assert.IsType<TranslationMessage>(LiveMessageParser.Parse(
                "{\"type\":\"translation\",\"error\":null,\"data\":{\"utterance_id\":\"u3\",\"utterance\":{\"text\":\"Ship it\"}," +
                "\"original_language\":\"en\",\"target_language\":\"wo\",\"translated_utterance\":{\"text\":\" Yonnee ko \",\"language\":\"wo\"}}}"));

            Assert.Equal("u3", message.UtteranceId);
            Assert.Equal("Ship it", message.Utterance!.Text);
            Assert.Equal("en", message.OriginalLanguage);
            Assert.Equal("wo", message.TargetLanguage);
            Assert.Equal("Yonnee ko", message.Text);
            Assert.Equal("wo", message.TranslatedUtterance!.Language);
        }

        [Fact]
        public void AddonFailure_HasErrorAndNoData()
        {
            var message = Assert.IsType<TranslationMessage>(LiveMessageParser.Parse(
                "{\"type\":\"translation\",\"error\":{\"message\":\"translation failed\"},\"data\":null}"));
            Assert.Equal("translation failed", message.Error!.Message);
            Assert.Null(message.Utterance);
            Assert.Equal(string.Empty, message.Text);
        }

        [Fact]
        public void NamedEntities_AreRead()
        {
            var message = Assert.IsType<NamedEntityRecognitionMessage>(LiveMessageParser.Parse(
                "{\"type\":\"named_entity_recognition\",\"data\":{\"utterance_id\":\"u1\",\"utterance\":{\"text\":\"Paris\"}," +
                "\"results\":[{\"entity_type\":\"LOCATION\",\"text\":\"Paris\",\"start\":0.1,\"end\":0.5}]}}"));
            var entity = Assert.Single(message.Results);
            Assert.Equal("LOCATION", entity.EntityType);
            Assert.Equal("Paris", entity.Text);
            Assert.Equal(0.5, entity.End);
        }

        [Theory]
        [InlineData("[{\"sentiment\":\"positive\",\"emotion\":\"joy\",\"text\":\"great\",\"start\":1,\"end\":2,\"channel\":1}]")]
        [InlineData("{\"sentiment\":\"positive\",\"emotion\":\"joy\",\"text\":\"great\",\"start\":1,\"end\":2,\"channel\":1}")]
        [InlineData("\"[{\\\"sentiment\\\":\\\"positive\\\",\\\"emotion\\\":\\\"joy\\\",\\\"text\\\":\\\"great\\\",\\\"start\\\":1,\\\"end\\\":2,\\\"channel\\\":1}]\"")]
        public void Sentiment_ResultsAsArrayObjectOrJsonString(string results)
        {
            // §11 #14: array on the socket, object or string elsewhere.
            var message = Assert.IsType<SentimentAnalysisMessage>(LiveMessageParser.Parse(
                "{\"type\":\"sentiment_analysis\",\"data\":{\"utterance_id\":\"u1\",\"results\":" + results + "}}"));
            var result = Assert.Single(message.Results);
            Assert.Equal("positive", result.Sentiment);
            Assert.Equal("joy", result.Emotion);
            Assert.Equal("great", result.Text);
            Assert.Equal(1, result.Channel);
        }

        [Fact]
        public void Sentiment_PlainTextResults_KeptAsText()
        {
            var message = Assert.IsType<SentimentAnalysisMessage>(LiveMessageParser.Parse(
                "{\"type\":\"sentiment_analysis\",\"data\":{\"results\":\"mostly positive\"}}"));
            Assert.Empty(message.Results);
            Assert.Equal("mostly positive", message.ResultsText);
        }

        [Fact]
        public void PostTranscript_ReadsTranscription()
        {
            var message = Assert.IsType<PostTranscriptMessage>(LiveMessageParser.Parse(
                "{\"type\":\"post_transcript\",\"data\":{\"full_transcript\":\"alpha bravo\",\"languages\":[\"en\"]," +
                "\"utterances\":[{\"text\":\"alpha bravo\",\"start\":0.5,\"end\":1.0,\"channel\":0,\"words\":[]}]}}"));
            Assert.Equal("alpha bravo", message.Text);
            Assert.Equal(new[] { "en" }, message.Transcription.Languages);
            Assert.Single(message.Transcription.Utterances);
            Assert.Null(message.Transcription.SentencesJson);
        }

        [Fact]
        public void PostFinalTranscript_ReadsResult()
        {
            var message = Assert.IsType<PostFinalTranscriptMessage>(LiveMessageParser.Parse(
                "{\"type\":\"post_final_transcript\",\"data\":{\"metadata\":{\"audio_duration\":10.5,\"number_of_distinct_channels\":2," +
                "\"billing_time\":21,\"transcription_time\":1.2},\"transcription\":{\"full_transcript\":\"alpha\",\"utterances\":[]}," +
                "\"summarization\":{\"success\":true,\"is_empty\":false,\"exec_time\":0.3,\"error\":null,\"results\":\"short\"}}}"));
            Assert.Equal(10.5, message.Result.Metadata!.AudioDuration);
            Assert.Equal(2, message.Result.Metadata.NumberOfDistinctChannels);
            Assert.Equal(21, message.Result.Metadata.BillingTime);
            Assert.Equal("alpha", message.Text);
            Assert.Equal("short", message.Result.Summarization!.Results);
            Assert.True(message.Result.Summarization.Success);
        }

        [Fact]
        public void PostSummarization_ReadsSummaryOrNull()
        {
            var message = Assert.IsType<PostSummarizationMessage>(LiveMessageParser.Parse(
                "{\"type\":\"post_summarization\",\"error\":null,\"data\":{\"results\":\"- Release moved to Friday\"}}"));
            Assert.Equal("- Release moved to Friday", message.Summary);

            var failed = Assert.IsType<PostSummarizationMessage>(LiveMessageParser.Parse(
                "{\"type\":\"post_summarization\",\"error\":{\"message\":\"no\"},\"data\":null}"));
            Assert.Null(failed.Summary);
            Assert.Equal("no", failed.Error!.Message);
        }

        [Fact]
        public void PostChapterization_ShapeA()
        {
            var message = Assert.IsType<PostChapterizationMessage>(LiveMessageParser.Parse(
                "{\"type\":\"post_chapterization\",\"error\":null,\"data\":{\"results\":[{\"headline\":\"Intro\",\"start\":0,\"end\":5,\"keywords\":[\"a\",\"b\"]}]}}"));
            var chapter = Assert.Single(message.Chapters);
            Assert.Equal("Intro", chapter.Headline);
            Assert.Equal(5, chapter.End);
            Assert.Equal(new[] { "a", "b" }, chapter.Keywords);
        }

        [Fact]
        public void PostChapterization_ShapeB()
        {
            var message = Assert.IsType<PostChapterizationMessage>(LiveMessageParser.Parse(
                "{\"type\":\"post_chapterization\",\"data\":{\"metadata\":{\"audio_duration\":60},\"results\":{\"chapters\":[{\"start_time\":1,\"end_time\":9,\"summary\":\"All of it\"}]}}}"));
            var chapter = Assert.Single(message.Chapters);
            Assert.Equal("All of it", chapter.Summary);
            Assert.Equal(1, chapter.Start);
            Assert.Equal(9, chapter.End);
            Assert.Equal(60, message.Metadata!.AudioDuration);
        }

        [Fact]
        public void Chapter_KeepsGistExtractiveSummarySentencesAndText()
        {
            var message = Assert.IsType<PostChapterizationMessage>(LiveMessageParser.Parse(
                "{\"type\":\"post_chapterization\",\"data\":{\"results\":[{\"headline\":\"Intro\",\"gist\":\"Greetings\"," +
                "\"extractive_summary\":[\"Hello.\",\"We start.\"],\"sentences\":[{\"sentence\":\"Hello.\"},\"We start.\"],\"text\":\"Hello. We start.\",\"start\":0,\"end\":4}]}}"));
            var chapter = Assert.Single(message.Chapters);
            Assert.Equal("Greetings", chapter.Gist);
            Assert.Equal("Hello. We start.", chapter.ExtractiveSummary);
            Assert.Equal(new[] { "Hello.", "We start." }, chapter.Sentences);
            Assert.Equal("Hello. We start.", chapter.Text);
        }

        [Fact]
        public void ServerError_ExposesItsCode()
        {
            var message = Assert.IsType<LiveErrorMessage>(LiveMessageParser.Parse(
                "{\"type\":\"error\"," + Session + ",\"data\":{\"code\":\"audio_format_mismatch\",\"message\":\"Bad audio\"}}"));
            Assert.Equal("audio_format_mismatch", message.Code);
            Assert.Equal("Bad audio", message.Message);
            Assert.Equal("error (Server audio_format_mismatch): Bad audio", message.ToString());
            Assert.Equal("4001", Assert.IsType<LiveErrorMessage>(LiveMessageParser.Parse("{\"type\":\"error\",\"data\":{\"code\":4001}}")).Code);
            Assert.Null(Assert.IsType<LiveErrorMessage>(LiveMessageParser.Parse("{\"type\":\"error\",\"data\":{\"message\":\"x\"}}")).Code);
        }

        [Fact]
        public void UnknownType_IsKeptRaw()
        {
            var json = "{\"type\":\"brand_new_event\"," + Session + ",\"data\":{\"x\":[1,2]}}";
            var message = Assert.IsType<UnknownLiveMessage>(LiveMessageParser.Parse(json));
            Assert.Equal("brand_new_event", message.Type);
            Assert.Equal(json, message.Raw);
            Assert.Equal("{\"x\":[1,2]}", message.DataJson);
        }

        [Fact]
        public void ServerErrorType_BecomesServerError()
        {
            var message = Assert.IsType<LiveErrorMessage>(LiveMessageParser.Parse(
                "{\"type\":\"error\",\"data\":{\"message\":\"quota exceeded\"}}"));
            Assert.Equal(LiveErrorKind.Server, message.Kind);
            Assert.False(message.IsClientSide);
            Assert.Equal("quota exceeded", message.Message);
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData("{\"type\":\"transcript\"")]
        [InlineData("")]
        public void NotJson_BecomesInvalidFrameError(string frame)
        {
            var message = Assert.IsType<LiveErrorMessage>(LiveMessageParser.Parse(frame));
            Assert.Equal(LiveErrorKind.InvalidFrame, message.Kind);
            Assert.Equal("error", message.Type);
            Assert.Equal(frame, message.Raw);
            Assert.Contains("not JSON", message.Message);
        }

        [Theory]
        [InlineData("{\"data\":{}}")]
        [InlineData("{\"type\":3}")]
        [InlineData("{\"type\":\"\"}")]
        [InlineData("[1,2]")]
        [InlineData("\"transcript\"")]
        public void NoType_BecomesMissingTypeError(string frame)
        {
            var message = Assert.IsType<LiveErrorMessage>(LiveMessageParser.Parse(frame));
            Assert.Equal(LiveErrorKind.MissingType, message.Kind);
            Assert.Equal(frame, message.Raw);
        }

        [Fact]
        public void Utf8Bytes_AreParsed_AndInvalidUtf8IsAnError()
        {
            var message = LiveMessageParser.Parse(Encoding.UTF8.GetBytes("{\"type\":\"transcript\",\"data\":{\"utterance\":{\"text\":\"héllo\"}}}").AsMemory());
            Assert.Equal("héllo", Assert.IsType<TranscriptMessage>(message).Text);

            var invalid = LiveMessageParser.Parse(new byte[] { 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D }.AsMemory());
            Assert.Equal(LiveErrorKind.InvalidFrame, Assert.IsType<LiveErrorMessage>(invalid).Kind);
        }

        [Fact]
        public void UnknownFields_AreIgnored()
        {
            var message = Assert.IsType<SpeechStartMessage>(LiveMessageParser.Parse(
                "{\"type\":\"speech_start\",\"new_field\":{\"deep\":[1]},\"data\":{\"time\":1.5,\"channel\":0,\"extra\":true}}"));
            Assert.Equal(1.5, message.Time);
        }
    }
}
