#pragma once

#include "EntityRef.h"

#include <QList>
#include <QString>

// One accounting record as a store lists it.
struct Entity
{
    Entity() = default;
    Entity(const EntityRef& ref, int attachmentCount = -1, const QString& title = {}, const QString& email = {})
        : ref(ref)
        , attachmentCount(attachmentCount)
        , title(title)
        , email(email)
    { }

    EntityRef ref;
    // -1 while the store has not counted them.
    int attachmentCount = -1;
    // What the tree shows for it when the id alone would not say (Fortnox's folder "Leverantörsfakturor" for
    // inbox_s); empty: the id.
    QString title;
    // The address that files documents into it by e-mail (a Fortnox inbox folder's); empty when there is none.
    QString email;
};

Q_DECLARE_METATYPE(Entity)
