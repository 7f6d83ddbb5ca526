#pragma once

#include "Attachment.h"
#include "AttachmentRef.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <functional>

// One upload, download, delete or move in the transfer queue.
struct Transfer
{
    enum class Kind { Upload, Download, Delete, Move };
    enum class State { Queued, Running, Done, Failed, Cancelled };

    int id = 0;
    Kind kind = Kind::Upload;
    State state = State::Queued;
    // Upload: the file sent. Download: where it goes.
    QString localPath;
    // Download, delete, move: the attachment acted on.
    AttachmentRef source;
    // Upload and move: the entity it goes to; the upload's name is source.name.
    EntityRef target;
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1;
    QString errorString;
    // What the store confirmed, for uploads and moves.
    Attachment result;
    // Its row in the TransferJournal; 0 when it is not journalled.
    qint64 journalId = 0;
    // How often it has been started. After one start the store may already hold its result.
    int attempts = 0;
    // Queued, but not to start before this time: a backoff after a failure that may pass.
    QDateTime notBefore;
    // Where an interrupted transfer can carry on, as the store last described it (StoreReply::checkpoint).
    QByteArray resumeState;
    // Delete: the content the user chose to delete; a document changed since is kept (StoreReply::Error::Changed).
    QString expectedContentHash;
    // Download: a private copy to open, asked for now. It does not wait for paused transfers, is not kept across
    // restarts, and is no news.
    bool opening = false;
    // Download: may replace the file at localPath, as the user chose to (or an earlier copy to open). Otherwise a
    // file found there is left alone and the download fails; not kept across restarts, so such a download then
    // fails rather than replace what is there by then.
    bool replaces = false;

    bool isFinished() const { return state == State::Done || state == State::Failed || state == State::Cancelled; }
    // The file's name, for lists and notifications.
    QString displayName() const { return source.name; }
    // "Upload to Invoice 4455", translated; `title` names the entity where it has a better name than its type and id
    // (a Fortnox folder's).
    QString description(const std::function<QString(const EntityRef&)>& title = {}) const;
    // The entities whose attachment lists this transfer changes once it is done.
    QList<EntityRef> affectedEntities() const;
};

Q_DECLARE_METATYPE(Transfer)
