#pragma once

#include "Attachment.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

// The parts of Dropbox's JSON conventions every route needs: header-safe arguments, timestamps and
// file metadata.
namespace DropboxJson {

// Compact JSON for the Dropbox-API-Arg header: every character from 0x7F up written as \uXXXX
// (UTF-16 units, so characters outside the BMP become surrogate pairs), as HTTP headers must be ASCII.
QByteArray headerSafe(const QJsonObject& object);
// An RPC body.
QByteArray body(const QJsonObject& object);
// "2024-05-01T10:00:00Z"
QString timestamp(const QDateTime& when);
QDateTime parseTimestamp(const QString& text);
// A file's metadata as an attachment record: name, size, client_modified and content_hash.
Attachment attachmentFromMetadata(const QJsonObject& metadata);
// Unicode NFC, as Dropbox compares names.
QString normalizedName(const QString& name);

} // namespace DropboxJson
