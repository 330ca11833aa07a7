import type Database from 'better-sqlite3';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { FeedbackStore } from '../store.js';

export function sqliteFeedback(db: Database.Database, clock: Clock): FeedbackStore {
  const insertRating = db.prepare('INSERT INTO feedback (answer_id, session_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertSurvey = db.prepare('INSERT INTO surveys (session_id, score, comment, created_at) VALUES (?, ?, ?, ?)');
  return {
    async addRating({ answerId, sessionId, rating, comment }) {
      insertRating.run(answerId, sessionId, rating, comment ?? null, isoNow(clock));
    },
    async addSurvey({ sessionId, score, comment }) {
      insertSurvey.run(sessionId, score, comment ?? null, isoNow(clock));
    },
  };
}
