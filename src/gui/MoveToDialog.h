#pragma once

#include "EntityRef.h"

#include <QDialog>

namespace Ui {
class MoveToDialog;
}
class EntityTreeModel;
class QSortFilterProxyModel;

// Picks the record that documents are filed on, from the same entity tree as the window's.
class MoveToDialog : public QDialog
{
    Q_OBJECT

public:
    MoveToDialog(EntityTreeModel* entities, int documentCount, const EntityRef& from, QWidget* parent = nullptr);
    ~MoveToDialog() override;

    EntityRef target() const;
    void selectTarget(const EntityRef& entity);

private:
    void update();

    const std::unique_ptr<Ui::MoveToDialog> m_ui;
    EntityTreeModel* m_entities;
    QSortFilterProxyModel* m_filter;
    EntityRef m_from;
};
