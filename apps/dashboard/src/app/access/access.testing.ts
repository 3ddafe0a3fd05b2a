import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AccessRole, Session } from '@app/contracts';
import { AccessService } from './access.service';

/** Signs the test's dashboard in with `token`, the api answering that it grants `role` (needs `provideHttpClientTesting`). */
export function signInAs(role: AccessRole, token = `${role}-token`): void {
  TestBed.inject(AccessService).signIn(token).subscribe();
  const session: Session = { role };
  TestBed.inject(HttpTestingController).expectOne('/api/session').flush(session);
}
