import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DOMAIN_PROBLEMS, toProblemCode } from '../../../api/http/errorHandler';
import { problemOf } from '../../../api/http/problemOf';
import { PROBLEMS } from '../../../api/http/problem';
import { CampaignNotFoundError, CaseNotFoundError, DomainError, ERROR_CODES, RoleCannotActError } from '../../../domain/errors';
import { CampaignExistsError, InvalidCampaignConfigError } from '../../../services/launchCampaign';

describe('domain errors as problems (one table in api/http/errorHandler.ts)', () => {
  it('maps every error code to a problem the API declares', () => {
    expect(Object.keys(DOMAIN_PROBLEMS).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(PROBLEMS).toHaveProperty(DOMAIN_PROBLEMS[code]);
  });

  it('answers by the error class and code, whatever the message says', () => {
    expect(toProblemCode(new CampaignNotFoundError('c-1'))).toEqual({ code: 'not_found', detail: 'no campaign "c-1"' });
    expect(toProblemCode(new CaseNotFoundError('c-1-2201-000001'))?.code).toBe('not_found');
    expect(toProblemCode(new RoleCannotActError('auditor'))?.code).toBe('forbidden');
    expect(toProblemCode(new CampaignExistsError('any words at all', 'c-1'))?.code).toBe('conflict');
    expect(toProblemCode(new DomainError('CaseNotOpen', 'no campaign "looks like another error"'))?.code).toBe('conflict');
    expect(toProblemCode(new DomainError('SnapshotBatchUnusable', 'import batch 7 is not completed'))?.code).toBe('rejected');
    expect(toProblemCode(new Error('no campaign "c-1"'))).toBeUndefined();
  });

  it('lists each bad field of a campaign configuration at its path in the body', () => {
    const p = toProblemCode(
      new InvalidCampaignConfigError([
        { path: 'id', message: '「行动编号」必须填写' },
        { path: 'cities', message: '「参与市（州）」至少选择一项' },
        { path: '', message: '请求内容应为对象' },
      ]),
    );
    expect(p).toMatchObject({
      code: 'validation_failed',
      errors: [
        { path: 'body.id', message: '「行动编号」必须填写' },
        { path: 'body.cities', message: '「参与市（州）」至少选择一项' },
        { path: 'body', message: '请求内容应为对象' },
      ],
    });
    expect(problemOf(new InvalidCampaignConfigError([{ path: 'id', message: '「行动编号」必须填写' }])).errors).toEqual([
      { path: 'body.id', message: '「行动编号」必须填写' },
    ]);
  });

  it('names the id a launch found taken as a field error', () => {
    expect(toProblemCode(new CampaignExistsError('campaign "c-1" already exists', 'c-1'))?.errors).toEqual([
      { path: 'body.id', message: '「行动编号」“c-1”已被使用，请换一个编号' },
    ]);
  });

  it('masks an ID number in a domain error before it reaches the detail', () => {
    expect(toProblemCode(new DomainError('IntakeNotFound', 'row 220102199003071234 missing'))?.detail).not.toContain('220102199003071234');
  });

  it('reads Temporal errors by class and gRPC status, not by text', () => {
    const notFound = Object.assign(new Error('something'), { code: 5, details: 'x', metadata: {} });
    expect(toProblemCode(new ServiceError('whatever', { cause: notFound }))?.code).toBe('conflict');
    const unavailable = Object.assign(new Error('workflow not found, already completed'), { code: 14, details: 'x', metadata: {} });
    expect(toProblemCode(new ServiceError('not found', { cause: unavailable }))?.code).toBe('unavailable');
    const refused = new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ message: 'refused', type: 'Error' }));
    expect(toProblemCode(refused)).toEqual({ code: 'rejected', detail: 'refused' });
  });
});
