#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// Dropbox's JSON conventions, as stone serializes its types: unions, error bodies, header-safe JSON, timestamps.
namespace DropboxEmulatorJson {

// A union member without a value: {".tag": "not_found"}.
QJsonObject tag(const QString& tag);
// A union member carrying a primitive or another union, nested under the tag's name:
// {".tag": "path", "path": {".tag": "not_found"}}.
QJsonObject member(const QString& tag, const QJsonValue& value);
// A union member carrying a struct, whose fields sit beside the tag: {".tag": "incorrect_offset", "correct_offset":
// 42}.
QJsonObject withTag(const QString& tag, QJsonObject fields);
// The tag of a union value, written either bare ("add") or as an object ({".tag": "add"}); empty when neither.
QString tagOf(const QJsonValue& value);

// The body of a route error (409) or an auth error (401): {"error_summary": "path/not_found/..", "error": error}.
QJsonObject errorBody(const QJsonObject& error);

// Compact JSON fit for an HTTP header: every character from 0x7F up written as \uXXXX (UTF-16 units).
QByteArray headerSafe(const QJsonValue& value);

// "%Y-%m-%dT%H:%M:%SZ", UTC, whole seconds.
QString timestamp(const QDateTime& time);
std::optional<QDateTime> parseTimestamp(const QString& text);

} // namespace DropboxEmulatorJson
