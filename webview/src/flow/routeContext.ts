// The boxes arrows route around, shared from the canvas (which places them) to the edges React
// Flow draws. A context, so no layout travels inside every edge's data.
import { createContext } from 'react';
import { routeObstacles, type RouteObstacles } from './edgeRoutes';

export const RouteContext = createContext<RouteObstacles>(routeObstacles([]));
