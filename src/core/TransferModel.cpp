#include "TransferModel.h"

#include "FileKind.h"
#include "ToolTipText.h"
#include "TransferQueue.h"

TransferModel::TransferModel(TransferQueue* queue, QObject* parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
    , m_ids(queue->ids())
{
    connect(queue, &TransferQueue::transferAdded, this, &TransferModel::onAdded);
    connect(queue, &TransferQueue::transferChanged, this, &TransferModel::onChanged);
    connect(queue, &TransferQueue::transferRemoved, this, &TransferModel::onRemoved);
    // Waiting transfers say whether they wait for a resume.
    connect(queue, &TransferQueue::pausedChanged, this, [this] {
        if (!m_ids.isEmpty())
            emit dataChanged(index(0, StatusColumn), index(rowCount() - 1, StatusColumn), { Qt::DisplayRole });
    });
}

int TransferModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int TransferModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString stateText(const Transfer& transfer, bool paused)
{
    switch (transfer.state) {
    case Transfer::State::Queued:
        return paused ? TransferModel::tr("Paused") : TransferModel::tr("Waiting");
    case Transfer::State::Running:
        if (transfer.bytesTotal > 0)
            return TransferModel::tr("%1 of %2")
                .arg(FileKind::localizedSize(transfer.bytesDone), FileKind::localizedSize(transfer.bytesTotal));
        return TransferModel::tr("In progress");
    case Transfer::State::Done:
        // Stored under another name (its own was taken): the one the user will look for.
        if ((transfer.kind == Transfer::Kind::Upload || transfer.kind == Transfer::Kind::Move)
            && !transfer.result.name.isEmpty()
            && transfer.result.name.normalized(QString::NormalizationForm_C)
                != transfer.source.name.normalized(QString::NormalizationForm_C))
            return TransferModel::tr("Done, as “%1”").arg(transfer.result.name);
        return TransferModel::tr("Done");
    case Transfer::State::Failed:
        return TransferModel::tr("Failed: %1").arg(transfer.errorString);
    case Transfer::State::Cancelled:
        return TransferModel::tr("Cancelled");
    }
    Q_UNREACHABLE();
}

int percent(const Transfer& transfer)
{
    if (transfer.state == Transfer::State::Done)
        return 100;
    if (transfer.bytesTotal <= 0)
        return transfer.state == Transfer::State::Running ? -1 : 0;
    return static_cast<int>(std::clamp<qint64>(transfer.bytesDone * 100 / transfer.bytesTotal, 0, 100));
}

} // namespace

void TransferModel::setEntityTitles(std::function<QString(const EntityRef&)> title)
{
    m_title = std::move(title);
    if (!m_ids.isEmpty())
        emit dataChanged(index(0, ActionColumn), index(int(m_ids.size()) - 1, ActionColumn));
}

QVariant TransferModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Transfer transfer = m_queue->transfer(m_ids.at(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return transfer.displayName();
        case ActionColumn:
            return transfer.description(m_title);
        case ProgressColumn:
            return percent(transfer);
        case StatusColumn:
            return stateText(transfer, m_queue->isPaused());
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn || index.column() == NameColumn)
            return ToolTipText::fromPlainText(transfer.state == Transfer::State::Failed ? transfer.errorString
                                                                                        : transfer.localPath);
        break;
    case IdRole:
        return transfer.id;
    case PercentRole:
        return percent(transfer);
    case StateRole:
        return static_cast<int>(transfer.state);
    case CanCancelRole:
        return !transfer.isFinished();
    case CanRetryRole:
        return transfer.state == Transfer::State::Failed || transfer.state == Transfer::State::Cancelled;
    }
    return {};
}

QVariant TransferModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("File");
    case ActionColumn:
        return tr("Action");
    case ProgressColumn:
        return tr("Progress");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

void TransferModel::onAdded(int id)
{
    const int row = static_cast<int>(m_ids.size());
    beginInsertRows({}, row, row);
    m_ids.append(id);
    endInsertRows();
}

void TransferModel::onChanged(int id)
{
    const int row = static_cast<int>(m_ids.indexOf(id));
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TransferModel::onRemoved(int id)
{
    const int row = static_cast<int>(m_ids.indexOf(id));
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ids.removeAt(row);
    endRemoveRows();
}
