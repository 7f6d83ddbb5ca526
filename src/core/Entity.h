#pragma once

#include "EntityRef.h"

#include <QList>

// One accounting record as a store lists it.
struct Entity
{
    EntityRef ref;
    // -1 while the store has not counted them.
    int attachmentCount = -1;
};

Q_DECLARE_METATYPE(Entity)
