import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_ROLES, type AccessRole, type Session } from '../lib/access';

export class SessionDto implements Session {
  @ApiProperty({ enum: ACCESS_ROLES }) role!: AccessRole;
}
