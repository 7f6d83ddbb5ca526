#pragma once

#include "EntityRef.h"

#include <QAbstractTableModel>
#include <QList>

#include <functional>

class TransferQueue;

// The transfer queue as a table for the transfers panel: name, what is done, progress and state.
class TransferModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ActionColumn, ProgressColumn, StatusColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        // 0–100, or -1 when the size is not known.
        PercentRole,
        StateRole,
        CanCancelRole,
        CanRetryRole,
    };

    explicit TransferModel(TransferQueue* queue, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int idAt(int row) const { return m_ids.value(row); }
    // How entities are named in the Action column ("Upload to Leverantörsfakturor"); by type and id unless set.
    void setEntityTitles(std::function<QString(const EntityRef&)> title);

private:
    void onAdded(int id);
    void onChanged(int id);
    void onRemoved(int id);

    TransferQueue* m_queue;
    QList<int> m_ids;
    std::function<QString(const EntityRef&)> m_title;
};
