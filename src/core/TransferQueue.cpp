#include "TransferQueue.h"

#include "ConnectivityMonitor.h"
#include "ContentHasher.h"
#include "DownloadFile.h"
#include "NameRules.h"
#include "Store.h"
#include "TransferJournal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QSet>
#include <QTemporaryDir>
#include <QtConcurrent>

#include <algorithm>

namespace {
// Failures that may pass by themselves, tried again after a backoff.
bool mayPass(StoreReply::Error error)
{
    return error == StoreReply::Error::Network || error == StoreReply::Error::Server;
}
} // namespace

TransferQueue::TransferQueue(Store* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    // A transfer that failed for a reason that may pass waits longer each time, up to five minutes.
    m_retryPolicy.baseDelayMs = 2000;
    m_retryPolicy.maxDelayMs = 5 * 60 * 1000;
    m_backoffTimer.setSingleShot(true);
    connect(&m_backoffTimer, &QTimer::timeout, this, &TransferQueue::schedule);
}

TransferQueue::~TransferQueue()
{
    // What still runs stays in the journal, to carry on when the app or attache-cli runs next.
    for (StoreReply* reply : std::as_const(m_replies)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

int TransferQueue::enqueueUpload(const QString& localPath, const EntityRef& target, const QString& name)
{
    Transfer transfer;
    transfer.kind = Transfer::Kind::Upload;
    transfer.localPath = localPath;
    transfer.target = target;
    transfer.source = AttachmentRef { target, name.isEmpty() ? QFileInfo(localPath).fileName() : name };
    transfer.bytesTotal = QFileInfo(localPath).size();
    return add(transfer);
}

int TransferQueue::enqueueDownload(const AttachmentRef& attachment, const QString& localPath, Download download)
{
    Transfer transfer;
    transfer.kind = Transfer::Kind::Download;
    transfer.source = attachment;
    transfer.localPath = localPath;
    transfer.opening = download == Download::Open;
    transfer.replaces = download != Download::Save;
    return add(transfer);
}

int TransferQueue::enqueueDelete(const AttachmentRef& attachment, const QString& expectedContentHash)
{
    Transfer transfer;
    transfer.kind = Transfer::Kind::Delete;
    transfer.source = attachment;
    transfer.expectedContentHash = expectedContentHash;
    return add(transfer);
}

int TransferQueue::enqueueMove(const AttachmentRef& attachment, const EntityRef& target)
{
    Transfer transfer;
    transfer.kind = Transfer::Kind::Move;
    transfer.source = attachment;
    transfer.target = target;
    return add(transfer);
}

void TransferQueue::setConnectivity(ConnectivityMonitor* connectivity)
{
    m_connectivity = connectivity;
    connect(connectivity, &ConnectivityMonitor::onlineChanged, this, [this](bool online) {
        if (!online)
            return;
        // What waited for the connection goes now, not after its backoff.
        for (Transfer& transfer : m_transfers) {
            if (transfer.state == Transfer::State::Queued)
                transfer.notBefore = QDateTime();
        }
        schedule();
    });
}

QList<int> TransferQueue::resumeFromJournal()
{
    QList<int> ids;
    if (!m_journal || !m_store)
        return ids;
    const QList<Transfer> transfers = m_journal->takeOver(m_store->uri(), m_store->accountUri());
    for (const Transfer& transfer : transfers)
        ids.append(add(transfer));
    return ids;
}

int TransferQueue::add(Transfer transfer)
{
    transfer.id = m_nextId++;
    const bool unrecorded = !journalNew(transfer);
    m_transfers.insert(transfer.id, transfer);
    m_order.append(transfer.id);
    emit transferAdded(transfer.id);
    if (unrecorded)
        QTimer::singleShot(0, this, [this, id = transfer.id] { emit transferFinished(id); });
    // Scheduling on the next turn lets a caller enqueue a batch and connect to the reply signals first.
    QTimer::singleShot(0, this, &TransferQueue::schedule);
    return transfer.id;
}

int TransferQueue::pendingCount() const
{
    int pending = 0;
    for (const Transfer& transfer : m_transfers)
        pending += transfer.isFinished() || transfer.opening ? 0 : 1;
    return pending;
}

bool TransferQueue::isDownloadingTo(const QString& localPath) const
{
    return hasDownloadTo(localPath, 0);
}

bool TransferQueue::isActingOn(const AttachmentRef& attachment) const
{
    return std::any_of(m_transfers.cbegin(), m_transfers.cend(), [&](const Transfer& transfer) {
        return transfer.kind != Transfer::Kind::Upload && !transfer.isFinished() && transfer.source == attachment;
    });
}

bool TransferQueue::hasDownloadTo(const QString& localPath, int except) const
{
    // A failed download may be retried.
    const QString path = downloadKey(localPath);
    return std::any_of(m_transfers.cbegin(), m_transfers.cend(), [&](const Transfer& transfer) {
        return transfer.id != except && transfer.kind == Transfer::Kind::Download
            && transfer.state != Transfer::State::Done && transfer.state != Transfer::State::Cancelled
            && downloadKey(transfer.localPath) == path;
    });
}

QString TransferQueue::downloadKey(const QString& localPath)
{
    // A folder may not tell case apart.
    return QDir::cleanPath(localPath).toCaseFolded();
}

void TransferQueue::setMaxConcurrent(int count)
{
    m_maxConcurrent = qMax(1, count);
    schedule();
}

void TransferQueue::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    emit pausedChanged(paused);
    // Pausing lets running transfers finish; nothing half-done is thrown away.
    if (!paused)
        schedule();
}

void TransferQueue::schedule()
{
    if (m_scheduling || !m_store)
        return;
    m_scheduling = true;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime wakeUp;
    const bool offline = m_connectivity && !m_connectivity->isOnline();
    // Two downloads to one file would share its partial file: one runs at a time, in the order they came; the later
    // replaces the first only if it may replace (Transfer::replaces).
    QSet<QString> downloadTargets;
    for (const Transfer& transfer : std::as_const(m_transfers)) {
        if (transfer.kind == Transfer::Kind::Download && transfer.state == Transfer::State::Running)
            downloadTargets.insert(downloadKey(transfer.localPath));
    }
    for (int id : std::as_const(m_order)) {
        if (offline || runningCount() >= m_maxConcurrent)
            break;
        Transfer& transfer = m_transfers[id];
        if (transfer.state != Transfer::State::Queued || (m_paused && !transfer.opening))
            continue;
        if (transfer.kind == Transfer::Kind::Download) {
            const QString target = downloadKey(transfer.localPath);
            if (downloadTargets.contains(target))
                continue;
            downloadTargets.insert(target);
        }
        if (transfer.notBefore.isValid() && transfer.notBefore > now) {
            if (!wakeUp.isValid() || transfer.notBefore < wakeUp)
                wakeUp = transfer.notBefore;
            continue;
        }
        startTransfer(transfer);
    }
    m_scheduling = false;
    if (wakeUp.isValid())
        m_backoffTimer.start(static_cast<int>(std::clamp<qint64>(now.msecsTo(wakeUp) + 1, 0, 24 * 3600 * 1000)));
    if (pendingCount() == 0)
        emit drained();
}

void TransferQueue::record(const Transfer& transfer)
{
    if (m_journal && transfer.journalId > 0)
        m_journal->update(transfer);
}

void TransferQueue::removePartialFile(const Transfer& transfer) const
{
    // Not while another download to the file may still resume there, nor while one (of another process too) writes.
    if (transfer.kind == Transfer::Kind::Download && transfer.state != Transfer::State::Done
        && !hasDownloadTo(transfer.localPath, transfer.id))
        DownloadFile::removeUnusedPartial(transfer.localPath);
}

void TransferQueue::startTransfer(Transfer& transfer)
{
    transfer.state = Transfer::State::Running;
    transfer.errorString.clear();
    transfer.bytesDone = 0;
    transfer.notBefore = QDateTime();
    // An upload started before may have reached the store even though no answer came back.
    const bool mayHaveLanded = transfer.kind == Transfer::Kind::Upload && transfer.attempts > 0;
    ++transfer.attempts;
    record(transfer);
    emit transferChanged(transfer.id);
    if (mayHaveLanded)
        findEarlierResult(transfer.id, transfer.target);
    else
        run(transfer.id);
}

void TransferQueue::run(int id)
{
    const Transfer& transfer = m_transfers[id];
    StoreReply* reply = nullptr;
    switch (transfer.kind) {
    case Transfer::Kind::Upload:
        reply = m_store->upload(transfer.localPath, transfer.target, transfer.source.name, transfer.resumeState);
        break;
    case Transfer::Kind::Download:
        // Checked again now: a download may have waited (paused, offline, a restart) while the name was taken. The
        // file refuses it too (ExistingFile::Keep); this spares the request.
        if (!transfer.replaces && QFileInfo::exists(transfer.localPath))
            reply = StoreReply::failing(StoreReply::Error::AlreadyExists,
                                        DownloadFile::targetTakenMessage(transfer.localPath));
        else
            reply = m_store->download(transfer.source, transfer.localPath, transfer.resumeState,
                                      transfer.replaces ? ExistingFile::Replace : ExistingFile::Keep);
        break;
    case Transfer::Kind::Delete:
        reply = m_store->remove(transfer.source, transfer.expectedContentHash);
        break;
    case Transfer::Kind::Move:
        reply = m_store->move(transfer.source, transfer.target);
        break;
    }
    connect(reply, &StoreReply::progress, this, [this, id](qint64 done, qint64 total) {
        auto it = m_transfers.find(id);
        if (it == m_transfers.end())
            return;
        it->bytesDone = done;
        it->bytesTotal = total;
        emit transferChanged(id);
    });
    connect(reply, &StoreReply::checkpoint, this, [this, id](const QByteArray& state) {
        auto it = m_transfers.find(id);
        if (it == m_transfers.end())
            return;
        it->resumeState = state;
        record(*it);
    });
    await(id, reply, [this](Transfer& done, StoreReply* finished) { finishTransfer(done, finished); });
}

void TransferQueue::await(int id, StoreReply* reply, std::function<void(Transfer&, StoreReply*)> done)
{
    m_replies.insert(id, reply);
    connect(reply, &StoreReply::finished, this, [this, id, reply, done] {
        m_replies.remove(id);
        reply->deleteLater();
        auto it = m_transfers.find(id);
        if (it != m_transfers.end())
            done(*it, reply);
    });
}

void TransferQueue::findEarlierResult(int id, const EntityRef& place, const QString& moveFailure,
                                      const QString& localHash)
{
    StoreReply* listing = m_store->listAttachments(place);
    await(id, listing, [this, place, moveFailure, localHash](Transfer& transfer, StoreReply* listed) {
        const StoreReply::Error error = listed->error();
        if (error == StoreReply::Error::Cancelled || mayPass(error)) {
            settle(transfer, error, listed->errorString());
            return;
        }
        const bool isMove = transfer.kind == Transfer::Kind::Move;
        const qint64 size = QFileInfo(transfer.localPath).size();
        QList<Attachment> candidates;
        // An entity that cannot be listed (not there yet, say) holds nothing of it.
        const QList<Attachment> attachments = listed->attachments();
        for (const Attachment& attachment : attachments) {
            // A size the store does not know (Fortnox's on records) is left to the content to decide.
            if (NameRules::isNameOrNumbered(attachment.name, transfer.source.name)
                && (isMove || attachment.sizeInBytes == size || attachment.sizeInBytes < 0))
                candidates.append(attachment);
        }
        if (isMove) {
            transfer.result = candidates.value(0);
            settle(transfer, candidates.isEmpty() ? StoreReply::Error::NotFound : StoreReply::Error::None, moveFailure);
        } else if (candidates.isEmpty()) {
            notFoundIn(transfer, place, localHash);
        } else {
            compareContent(transfer.id, candidates, place, localHash);
        }
    });
}

void TransferQueue::notFoundIn(Transfer& transfer, const EntityRef& place, const QString& localHash)
{
    const std::optional<EntityRef> waypoint = m_store->uploadWaypoint(transfer.target);
    if (waypoint && place != *waypoint)
        findEarlierResult(transfer.id, *waypoint, {}, localHash);
    else
        run(transfer.id);
}

void TransferQueue::finishFromWaypoint(Transfer& transfer, const AttachmentRef& left)
{
    await(transfer.id, m_store->move(left, transfer.target), [this](Transfer& moving, StoreReply* moved) {
        // Taken from there meanwhile (filed by hand, say): what was left is no longer this upload's to finish.
        if (moved->error() == StoreReply::Error::NotFound) {
            run(moving.id);
            return;
        }
        moving.result = moved->attachment();
        settle(moving, moved->error(), moved->errorString());
    });
}

void TransferQueue::compareContent(int id, const QList<Attachment>& candidates, const EntityRef& place,
                                   const QString& localHash)
{
    // A reply of the queue's own, so that cancelling and the running count treat it like a store's.
    auto* comparison = new StoreReply(this);
    connect(comparison, &StoreReply::abortRequested, comparison,
            [comparison] { comparison->finishWithError(StoreReply::Error::Cancelled, tr("Cancelled.")); });
    // Worked out once, for every place the upload is looked for.
    auto hashed = std::make_shared<QString>(localHash);
    const auto compare = [this, comparison, candidates, entity = place, hashed](const QString& hash) {
        *hashed = hash;
        if (hash.isEmpty()) {
            comparison->finishWithError(StoreReply::Error::NotFound, {});
            return;
        }
        QList<Attachment> unhashed;
        for (const Attachment& candidate : candidates) {
            if (candidate.contentHash == hash) {
                comparison->setAttachments({ candidate });
                comparison->finishWithSuccess();
                return;
            }
            if (candidate.contentHash.isEmpty())
                unhashed.append(candidate);
        }
        compareDownloaded(comparison, hash, entity, unhashed);
    };
    if (localHash.isEmpty()) {
        hashFor(comparison, m_transfers[id].localPath, compare);
    } else {
        // On a later turn, as a hash worked out now would come: the comparison is awaited first.
        QMetaObject::invokeMethod(
            comparison,
            [comparison, compare, localHash] {
                if (!comparison->isFinished())
                    compare(localHash);
            },
            Qt::QueuedConnection);
    }
    await(id, comparison, [this, place, hashed](Transfer& transfer, StoreReply* compared) {
        if (compared->error() == StoreReply::Error::NotFound) {
            notFoundIn(transfer, place, *hashed);
            return;
        }
        if (compared->error() == StoreReply::Error::None && place != transfer.target) {
            finishFromWaypoint(transfer, AttachmentRef { place, compared->attachment().name });
            return;
        }
        transfer.result = compared->attachment();
        settle(transfer, compared->error(), compared->errorString());
    });
}

void TransferQueue::compareDownloaded(StoreReply* comparison, const QString& hash, const EntityRef& entity,
                                      QList<Attachment> candidates)
{
    if (candidates.isEmpty()) {
        comparison->finishWithError(StoreReply::Error::NotFound, {});
        return;
    }
    auto folder = std::make_shared<QTemporaryDir>();
    if (!folder->isValid()) {
        comparison->finishWithError(StoreReply::Error::Io, folder->errorString());
        return;
    }
    const Attachment candidate = candidates.takeFirst();
    // A file name of the queue's own: the candidate's comes from the server.
    const QString path = folder->filePath(QStringLiteral("candidate"));
    StoreReply* download = m_store->download(AttachmentRef { entity, candidate.name }, path);
    // The download and its folder go only once it has finished: until then the store may still write there.
    download->setParent(this);
    connect(comparison, &StoreReply::abortRequested, download, &StoreReply::abort);
    connect(download, &StoreReply::finished, this,
            [this, comparison = QPointer<StoreReply>(comparison), download, hash, entity, candidate, candidates, folder,
             path] {
                download->deleteLater();
                if (!comparison || comparison->isFinished())
                    return;
                const StoreReply::Error error = download->error();
                // Failures that say nothing of this candidate's content end the check, to be tried again later.
                if (error == StoreReply::Error::Cancelled || error == StoreReply::Error::SignedOut || mayPass(error)) {
                    comparison->finishWithError(error, download->errorString());
                    return;
                }
                if (error != StoreReply::Error::None) {
                    compareDownloaded(comparison, hash, entity, candidates);
                    return;
                }
                // Remote stores hash what they download; where the reply names no hash, the file is hashed here.
                const QString downloadedHash = download->attachment().contentHash;
                if (!downloadedHash.isEmpty()) {
                    matchDownloaded(comparison, hash, downloadedHash, candidate, entity, candidates);
                    return;
                }
                hashFor(comparison, path,
                        [this, comparison, hash, candidate, entity, candidates, folder](const QString& downloaded) {
                            matchDownloaded(comparison, hash, downloaded, candidate, entity, candidates);
                        });
            });
}

void TransferQueue::hashFor(StoreReply* comparison, const QString& path, std::function<void(const QString&)> done)
{
    auto* hashing = new QFutureWatcher<QString>(comparison);
    connect(hashing, &QFutureWatcher<QString>::finished, comparison, [comparison, hashing, done] {
        if (!comparison->isFinished())
            done(hashing->result());
    });
    hashing->setFuture(QtConcurrent::run([path, cancelled = comparison->cancelFlag()] {
        return ContentHasher::hashFile(path, [&cancelled] { return cancelled->load(); });
    }));
}

void TransferQueue::matchDownloaded(StoreReply* comparison, const QString& hash, const QString& downloadedHash,
                                    const Attachment& candidate, const EntityRef& entity, const QList<Attachment>& rest)
{
    if (downloadedHash != hash) {
        compareDownloaded(comparison, hash, entity, rest);
        return;
    }
    comparison->setAttachments({ candidate });
    comparison->finishWithSuccess();
}

void TransferQueue::finishTransfer(Transfer& transfer, StoreReply* reply)
{
    StoreReply::Error error = reply->error();
    transfer.result = reply->attachment();
    // Gone after an earlier attempt: that attempt may have done it.
    if (error == StoreReply::Error::NotFound && transfer.attempts > 1) {
        if (transfer.kind == Transfer::Kind::Delete) {
            error = StoreReply::Error::None;
        } else if (transfer.kind == Transfer::Kind::Move) {
            findEarlierResult(transfer.id, transfer.target, reply->errorString());
            return;
        }
    }
    settle(transfer, error, reply->errorString());
}

void TransferQueue::settle(Transfer& transfer, StoreReply::Error error, const QString& errorString)
{
    const int id = transfer.id;
    if (m_connectivity)
        m_connectivity->report(error);
    // Offline, a transfer waits for the connection however many times it met its absence.
    const bool waitsForConnection
        = error == StoreReply::Error::Network && m_connectivity && !m_connectivity->isOnline();
    switch (error) {
    case StoreReply::Error::None:
        transfer.state = Transfer::State::Done;
        if (transfer.bytesTotal >= 0)
            transfer.bytesDone = transfer.bytesTotal;
        break;
    case StoreReply::Error::Cancelled:
        transfer.state = Transfer::State::Cancelled;
        break;
    default:
        transfer.errorString = errorString;
        if (mayPass(error) && (waitsForConnection || transfer.attempts < m_retryPolicy.maxAttempts)) {
            // Waits, still queued, with the reason shown; the journal keeps the backoff across restarts.
            transfer.state = Transfer::State::Queued;
            transfer.notBefore
                = QDateTime::currentDateTimeUtc().addMSecs(m_retryPolicy.backoffDelayMs(transfer.attempts));
            record(transfer);
            emit transferChanged(id);
            schedule();
            return;
        }
        transfer.state = Transfer::State::Failed;
        break;
    }
    if (transfer.state == Transfer::State::Failed) {
        // Kept, so that it can be retried after a restart too.
        record(transfer);
    } else {
        removePartialFile(transfer);
        transfer.errorString.clear();
        transfer.resumeState.clear();
        if (m_journal && transfer.journalId > 0)
            m_journal->remove(transfer.journalId);
        transfer.journalId = 0;
    }
    emit transferChanged(id);
    emit transferFinished(id);
    schedule();
}

void TransferQueue::cancel(int id)
{
    auto it = m_transfers.find(id);
    if (it == m_transfers.end() || it->isFinished())
        return;
    if (StoreReply* reply = m_replies.value(id)) {
        // The store finishes the reply as cancelled, or as done if it completed first: never half of it.
        reply->abort();
        return;
    }
    settle(*it, StoreReply::Error::Cancelled, {});
}

void TransferQueue::cancelAll()
{
    const QList<int> ids = m_order;
    for (int id : ids)
        cancel(id);
}

void TransferQueue::retry(int id)
{
    auto it = m_transfers.find(id);
    if (it == m_transfers.end() || (it->state != Transfer::State::Failed && it->state != Transfer::State::Cancelled))
        return;
    it->state = Transfer::State::Queued;
    it->errorString.clear();
    it->bytesDone = 0;
    it->notBefore = QDateTime();
    // A new round of retries, from the shortest backoff. One attempt is still counted: the store may hold what an
    // earlier one did (an upload that landed, a file deleted), which the next attempt looks for.
    it->attempts = std::min(it->attempts, 1);
    if (!journalNew(*it)) {
        emit transferChanged(id);
        emit transferFinished(id);
        return;
    }
    record(*it);
    emit transferChanged(id);
    schedule();
}

bool TransferQueue::journalNew(Transfer& transfer)
{
    if (!needsJournalEntry(transfer))
        return true;
    transfer.journalId = m_journal->add(transfer, m_store ? m_store->accountUri() : QString());
    if (transfer.journalId != 0)
        return true;
    // Never started unless it is on disk, where a crash cannot lose it.
    transfer.state = Transfer::State::Failed;
    transfer.errorString = m_journal->errorString();
    return false;
}

void TransferQueue::clearFinished()
{
    const QList<int> ids = m_order;
    for (int id : ids) {
        const Transfer transfer = m_transfers.value(id);
        if (!transfer.isFinished())
            continue;
        removePartialFile(transfer);
        if (m_journal && transfer.journalId > 0)
            m_journal->remove(transfer.journalId);
        m_transfers.remove(id);
        m_order.removeOne(id);
        emit transferRemoved(id);
    }
}
